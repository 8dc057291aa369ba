package dev.flagon.dispatch;

import org.junit.jupiter.api.Test;

import dev.flagon.autoconfigure.FlagonAutoConfiguration;
import dev.flagon.autoconfigure.FlagonMountsAutoConfiguration;
import dev.flagon.dispatch.fixtures.boot.BootApp;
import dev.flagon.dispatch.fixtures.other.OtherApp;
import dev.flagon.dispatch.fixtures.outer.OuterApp;
import dev.flagon.dispatch.fixtures.outer.inner.InnerApp;
import dev.flagon.dispatch.fixtures.plain.PlainApp;
import dev.flagon.dispatch.fixtures.plain.PlainComponent;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Mis-configured mounts fail the application at startup, with a message that names the
 * mount and says what to fix.
 *
 * @author Flagon team
 */
class MountStartupFailureTests {

	private static final String PLAIN = PlainApp.class.getName();

	private static final String OTHER = OtherApp.class.getName();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class, FlagonMountsAutoConfiguration.class))
		.withPropertyValues("flagon.session.store=none");

	@Test
	void twoMountsWithOnePrefixFailToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/shared", PLAIN))
			.withPropertyValues(mount(1, "other", "/shared", OTHER))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Mounts 'plain' and 'other' both use prefix /shared: each prefix serves one app"));
	}

	@Test
	void mountsOfPropertiesAndOfTheBuilderMayNotShareAPrefix() {
		this.runner.withPropertyValues(mount(0, "plain", "/shared", PLAIN))
			.withUserConfiguration(BuilderMounts.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Mounts 'plain' and 'other' both use prefix /shared: each prefix serves one app"));
	}

	@Test
	void prefixWithoutLeadingSlashFailsToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "plain", PLAIN))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.mounts[0].prefix")
				.hasMessageContaining("Mount 'plain': prefix 'plain' must start with '/' (try '/plain')"));
	}

	@Test
	void prefixWithTrailingSlashFailsToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/plain/", PLAIN))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.mounts[0].prefix")
				.hasMessageContaining("Mount 'plain': prefix '/plain/' must not end with '/' (try '/plain')"));
	}

	@Test
	void rootPrefixFailsToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/", PLAIN))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Mount 'plain': prefix '/' is the root application's"));
	}

	@Test
	void prefixWithWildcardFailsToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/plain/*", PLAIN))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Mount 'plain': prefix '/plain/*' must be a plain path"));
	}

	@Test
	void sourcesClassThatDoesNotExistFailsToStartNamingTheMountAndTheClass() {
		this.runner.withPropertyValues(mount(0, "plain", "/plain", "com.example.NoSuchApp"))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.mounts[0].sources")
				.hasMessageContaining("Mount 'plain': class 'com.example.NoSuchApp' not found"));
	}

	@Test
	void mountWithoutSourcesFailsToStart() {
		this.runner.withPropertyValues("flagon.mounts[0].name=plain", "flagon.mounts[0].prefix=/plain")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("flagon.mounts[0].sources")
				.hasMessageContaining("Mount 'plain' needs the name of its @Configuration class"));
	}

	@Test
	void mountWithoutNameFailsToStart() {
		this.runner.withPropertyValues("flagon.mounts[0].prefix=/plain", "flagon.mounts[0].sources=" + PLAIN)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("flagon.mounts[0].name")
				.hasMessageContaining("Every mount needs a name"));
	}

	@Test
	void mountWithNameThatCannotNameACookieFailsToStart() {
		this.runner.withPropertyValues(mount(0, "my app", "/plain", PLAIN))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Mount name 'my app' may only hold letters, digits, '-' and '_'"));
	}

	@Test
	void twoMountsWithOneNameFailToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/one", PLAIN))
			.withPropertyValues(mount(1, "plain", "/two", OTHER))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessage("Two mounts are named 'plain' (at /one and /two): each app needs a name of its own"));
	}

	@Test
	void mountWhosePackageHoldsAnotherMountFailsToStart() {
		this.runner
			.withPropertyValues(mount(0, "outer", "/outer", OuterApp.class.getName()))
			.withPropertyValues(mount(1, "inner", "/inner", InnerApp.class.getName()))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Mount 'outer' scans package dev.flagon.dispatch.fixtures.outer, which holds "
						+ "mount 'inner'"));
	}

	@Test
	void mountThatEnablesAutoConfigurationFailsToStart() {
		this.runner.withPropertyValues(mount(0, "boot", "/boot", BootApp.class.getName()))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("Mount 'boot': " + BootApp.class.getName() + " enables auto-configuration")
				.hasMessageContaining("annotate it with @Configuration"));
	}

	@Test
	void rootApplicationHoldingAMountedAppsComponentsFailsToStart() {
		this.runner.withPropertyValues(mount(0, "plain", "/plain", PLAIN))
			.withUserConfiguration(PlainComponent.class)
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("Mount 'plain' scans package dev.flagon.dispatch.fixtures.plain, but the root "
						+ "application holds bean")
				.hasMessageContaining("Keep dev.flagon.dispatch.fixtures.plain out of the root application's "
						+ "component scan"));
	}

	@Test
	void mountedAppThatFailsToStartFailsTheApplicationNamingTheMount() {
		this.runner.withPropertyValues(mount(0, "broken", "/broken", "dev.flagon.dispatch.fixtures.broken.BrokenApp"))
			.run((context) -> {
				assertThat(context).getFailure().hasMessageContaining("Mounted app 'broken' at /broken failed to start");
				assertThat(context).getFailure().rootCause().hasMessage("the broken app's bean is broken");
			});
	}

	@Test
	void builderRejectsAnInvalidPrefixAtOnce() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FlagonMounts.builder().mount("plain", "/plain/", PlainApp.class))
			.withMessage("Mount 'plain': prefix '/plain/' must not end with '/' (try '/plain')");
	}

	private static String[] mount(int index, String name, String prefix, String sources) {
		String property = "flagon.mounts[" + index + "].";
		return new String[] { property + "name=" + name, property + "prefix=" + prefix, property + "sources=" + sources };
	}

	@Configuration(proxyBeanMethods = false)
	static class BuilderMounts {

		@Bean
		FlagonMounts mounts() {
			return FlagonMounts.builder().mount("other", "/shared", OtherApp.class).build();
		}

	}

}
