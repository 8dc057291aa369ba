package dev.flagon.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Finds the application that serves a request: the mounted application with the longest
 * prefix that matches the path, else the root application, as werkzeug's
 * {@code DispatcherMiddleware}.
 *
 * @author Flagon team
 */
public final class AppRouter {

	private volatile @Nullable AppRuntime root;

	private volatile List<AppRuntime> mounts = List.of();

	/**
	 * Set the root application.
	 * @param root the root application
	 */
	public void setRoot(AppRuntime root) {
		Assert.notNull(root, "'root' must not be null");
		this.root = root;
	}

	/**
	 * Add a mounted application.
	 * @param app the application, with a non-empty prefix
	 * @throws IllegalStateException if another application is mounted at the same prefix
	 */
	public synchronized void mount(AppRuntime app) {
		Assert.hasText(app.getPrefix(), "A mounted app needs a prefix");
		for (AppRuntime mounted : this.mounts) {
			Assert.state(!mounted.getPrefix().equals(app.getPrefix()), () -> "Apps '" + mounted.getName() + "' and '"
					+ app.getName() + "' are both mounted at " + app.getPrefix());
		}
		List<AppRuntime> mounts = new ArrayList<>(this.mounts);
		mounts.add(app);
		mounts.sort(Comparator.comparingInt((AppRuntime mounted) -> mounted.getPrefix().length()).reversed());
		this.mounts = List.copyOf(mounts);
	}

	/**
	 * Return the root application.
	 * @return the root application, or {@code null} before it is set
	 */
	public @Nullable AppRuntime getRoot() {
		return this.root;
	}

	/**
	 * Return the mounted applications, longest prefix first.
	 * @return the mounted applications
	 */
	public List<AppRuntime> getMounts() {
		return this.mounts;
	}

	/**
	 * Return the application for the request's path.
	 * @param request the request
	 * @return the application, or {@code null} if there is no root application yet
	 */
	public @Nullable AppRuntime route(HttpServletRequest request) {
		List<AppRuntime> mounts = this.mounts;
		if (!mounts.isEmpty()) {
			String path = request.getRequestURI();
			int contextPathLength = request.getContextPath().length();
			for (AppRuntime mount : mounts) {
				if (matches(path, contextPathLength, mount.getPrefix())) {
					return mount;
				}
			}
		}
		return this.root;
	}

	private static boolean matches(String path, int offset, String prefix) {
		int end = offset + prefix.length();
		return path.startsWith(prefix, offset) && (path.length() == end || path.charAt(end) == '/');
	}

}
