package dev.flagon.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

/**
 * Applications to mount under URL prefixes, declared in Java: the same as
 * {@code flagon.mounts[*]} in {@code application.yml}. Define one or more beans of this type
 * in the root application:
 * <pre class="code">
 * &#64;Bean
 * FlagonMounts mounts() {
 *     return FlagonMounts.builder()
 *         .mount("admin", "/admin", AdminApp.class)
 *         .mount("shop", "/shop", ShopApp.class, Map.of("flagon.session.cookie.name", "cart"))
 *         .build();
 * }
 * </pre>
 * Each mounted application has its own Spring context (a child of the root's), its own
 * {@code DispatcherServlet} at {@code prefix/*}, its own controllers, hooks, {@code g} and
 * session cookie. Keep each application's package out of the root application's component
 * scan.
 *
 * @author Flagon team
 * @since 0.1.0
 * @see Mount
 */
public final class FlagonMounts {

	private final List<Mount> mounts;

	private FlagonMounts(List<Mount> mounts) {
		this.mounts = List.copyOf(mounts);
	}

	/**
	 * Start declaring mounts.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Return the mounts, in declaration order.
	 * @return the mounts
	 */
	public List<Mount> getMounts() {
		return this.mounts;
	}

	@Override
	public String toString() {
		return "FlagonMounts " + this.mounts;
	}

	/**
	 * Builds {@link FlagonMounts}.
	 */
	public static final class Builder {

		private final List<Mount> mounts = new ArrayList<>();

		private Builder() {
		}

		/**
		 * Mount an application.
		 * @param name the application's name
		 * @param prefix the URL prefix, for example {@code /admin}
		 * @param sources the application's configuration class; its package is scanned
		 * @return this builder
		 * @throws IllegalArgumentException if the name or prefix is invalid
		 */
		public Builder mount(String name, String prefix, Class<?> sources) {
			return mount(new Mount(name, prefix, sources, Map.of()));
		}

		/**
		 * Mount an application with properties of its own.
		 * @param name the application's name
		 * @param prefix the URL prefix, for example {@code /admin}
		 * @param sources the application's configuration class; its package is scanned
		 * @param properties properties for this application only, over the root's
		 * @return this builder
		 * @throws IllegalArgumentException if the name or prefix is invalid
		 */
		public Builder mount(String name, String prefix, Class<?> sources, Map<String, String> properties) {
			return mount(new Mount(name, prefix, sources, properties));
		}

		/**
		 * Mount an application.
		 * @param mount the mount
		 * @return this builder
		 */
		public Builder mount(Mount mount) {
			Assert.notNull(mount, "'mount' must not be null");
			this.mounts.add(mount);
			return this;
		}

		/**
		 * Build the mounts. Conflicts between mounts (a prefix or name used twice) are
		 * reported when the application starts, with the mounts of every bean and of
		 * {@code flagon.mounts}.
		 * @return the mounts
		 */
		public FlagonMounts build() {
			return new FlagonMounts(this.mounts);
		}

	}

}
