package dev.flagon.autoconfigure;

import java.util.List;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Keeps the packages of the applications in {@code flagon.mounts} out of the root
 * application's component scan ({@code @SpringBootApplication} consults every
 * {@link TypeExcludeFilter} bean): a mounted application's controllers and hooks belong to
 * its own context only. The filter is registered before the scan, by the nested initializer.
 *
 * @author Flagon team
 */
final class MountedPackagesExcludeFilter extends TypeExcludeFilter {

	private final List<String> packages;

	MountedPackagesExcludeFilter(List<String> packages) {
		this.packages = List.copyOf(packages);
	}

	@Override
	public boolean match(MetadataReader metadataReader, MetadataReaderFactory metadataReaderFactory) {
		String className = metadataReader.getClassMetadata().getClassName();
		for (String packageName : this.packages) {
			if (className.startsWith(packageName + ".")) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean equals(Object obj) {
		return (obj instanceof MountedPackagesExcludeFilter other) && this.packages.equals(other.packages);
	}

	@Override
	public int hashCode() {
		return this.packages.hashCode();
	}

	/**
	 * Registers the filter for the mounts of {@code flagon.mounts}, if any.
	 */
	static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

		@Override
		public void initialize(ConfigurableApplicationContext applicationContext) {
			List<String> packages = Binder.get(applicationContext.getEnvironment())
				.bind("flagon.mounts", Bindable.listOf(FlagonProperties.Mount.class))
				.orElse(List.of())
				.stream()
				.map(FlagonProperties.Mount::getSources)
				.filter(StringUtils::hasText)
				.map((sources) -> ClassUtils.getPackageName(sources.strip()))
				.filter(StringUtils::hasText)
				.toList();
			if (!packages.isEmpty()) {
				MountedPackagesExcludeFilter filter = new MountedPackagesExcludeFilter(packages);
				applicationContext.getBeanFactory().registerSingleton("flagonMountedPackagesExcludeFilter", filter);
			}
		}

	}

}
