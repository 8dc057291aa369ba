package dev.flagon.dispatch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * One application mounted under a URL prefix, as an entry of werkzeug's
 * {@code DispatcherMiddleware}: its name, its prefix, the {@code @Configuration} class whose
 * package holds its components, and the properties that apply to it alone.
 * <p>
 * Declared with {@code flagon.mounts[*]} or a {@link FlagonMounts} bean. Each mount gets its
 * own Spring context, a child of the root application's, and its own
 * {@code DispatcherServlet} at {@code prefix/*}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public final class Mount {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

	private static final Pattern PREFIX_SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()+,;=:@%-]+");

	private final String name;

	private final String prefix;

	private final Class<?> sources;

	private final Map<String, String> properties;

	/**
	 * Create a new mount.
	 * @param name the application's name, as {@code Flagon.currentApp().getName()} reports
	 * it: letters, digits, {@code '-'} and {@code '_'}
	 * @param prefix the URL prefix, starting with {@code '/'} and not ending with it, for
	 * example {@code /admin}
	 * @param sources the application's configuration class; its package is scanned for the
	 * application's components
	 * @param properties properties that apply to this application only, over the root
	 * application's, for example {@code flagon.session.cookie.name}
	 * @throws IllegalArgumentException if the name or prefix is invalid
	 */
	public Mount(String name, String prefix, Class<?> sources, Map<String, String> properties) {
		checkName(name);
		checkPrefix(name, prefix);
		Assert.notNull(sources, () -> "Mount '" + name + "' needs a sources class");
		Assert.notNull(properties, "'properties' must not be null");
		this.name = name;
		this.prefix = prefix;
		this.sources = sources;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	/**
	 * Check a mount's name, as the constructor does.
	 * @param name the name
	 * @throws IllegalArgumentException with a message saying what is wrong
	 */
	public static void checkName(@Nullable String name) {
		Assert.isTrue(StringUtils.hasText(name), "Every mount needs a name");
		Assert.isTrue(NAME.matcher(name).matches(), () -> "Mount name '" + name
				+ "' may only hold letters, digits, '-' and '_' (it becomes part of cookie and servlet names)");
	}

	/**
	 * Check a mount's prefix, as the constructor does.
	 * @param name the mount's name, for the message
	 * @param prefix the prefix
	 * @throws IllegalArgumentException with a message saying what is wrong
	 */
	public static void checkPrefix(String name, @Nullable String prefix) {
		String mount = "Mount '" + name + "'";
		Assert.isTrue(StringUtils.hasText(prefix), () -> mount + " needs a prefix, for example '/" + name + "'");
		Assert.isTrue(prefix.startsWith("/"), () -> mount + ": prefix '" + prefix + "' must start with '/' (try '/"
				+ StringUtils.trimLeadingCharacter(prefix, '/') + "')");
		Assert.isTrue(!prefix.equals("/"), () -> mount + ": prefix '/' is the root application's; mount under a "
				+ "path such as '/" + name + "'");
		Assert.isTrue(!prefix.endsWith("/"), () -> mount + ": prefix '" + prefix + "' must not end with '/' (try '"
				+ StringUtils.trimTrailingCharacter(prefix, '/') + "')");
		for (String segment : prefix.substring(1).split("/", -1)) {
			Assert.isTrue(PREFIX_SEGMENT.matcher(segment).matches() && !segment.equals(".") && !segment.equals(".."),
					() -> mount + ": prefix '" + prefix + "' must be a plain path: non-empty segments, "
							+ "no '.' or '..', no wildcards, query or fragment");
		}
	}

	/**
	 * Return the application's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the URL prefix.
	 * @return the prefix, for example {@code /admin}
	 */
	public String getPrefix() {
		return this.prefix;
	}

	/**
	 * Return the application's configuration class.
	 * @return the configuration class
	 */
	public Class<?> getSources() {
		return this.sources;
	}

	/**
	 * Return the package that is scanned for the application's components.
	 * @return the package name
	 */
	public String getPackageName() {
		return ClassUtils.getPackageName(this.sources);
	}

	/**
	 * Return the properties that apply to this application only.
	 * @return the properties, unmodifiable
	 */
	public Map<String, String> getProperties() {
		return this.properties;
	}

	@Override
	public String toString() {
		return "mount '" + this.name + "' at " + this.prefix + " (" + this.sources.getName() + ")";
	}

}
