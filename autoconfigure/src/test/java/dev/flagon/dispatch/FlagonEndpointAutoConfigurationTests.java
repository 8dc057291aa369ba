package dev.flagon.dispatch;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flagon.actuate.FlagonEndpoint;
import dev.flagon.autoconfigure.FlagonAutoConfiguration;
import dev.flagon.autoconfigure.FlagonEndpointAutoConfiguration;
import dev.flagon.autoconfigure.FlagonMountsAutoConfiguration;
import dev.flagon.internal.MountedApps;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the {@code flagon} endpoint and the mounted apps are configured, and when they back
 * off.
 *
 * @author Flagon team
 */
class FlagonEndpointAutoConfigurationTests {

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class, FlagonMountsAutoConfiguration.class,
				FlagonEndpointAutoConfiguration.class));

	@Test
	void endpointIsConfiguredWhenExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=flagon")
			.run((context) -> assertThat(context).hasSingleBean(FlagonEndpoint.class));
	}

	@Test
	void endpointIsNotConfiguredWhenNotExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(FlagonEndpoint.class));
	}

	@Test
	void endpointIsNotConfiguredWithoutActuator() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=flagon")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).doesNotHaveBean(FlagonEndpoint.class));
	}

	@Test
	void endpointBacksOffWhenTheUserDefinesOne() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=flagon")
			.withUserConfiguration(UserEndpoint.class)
			.run((context) -> assertThat(context).getBean(FlagonEndpoint.class)
				.isSameAs(context.getBean("userFlagonEndpoint")));
	}

	@Test
	void mountedAppsBackOffWhenTheUserDefinesThem() {
		this.runner.withUserConfiguration(UserMountedApps.class)
			.run((context) -> assertThat(context).getBean(MountedApps.class)
				.isSameAs(context.getBean("userMountedApps")));
	}

	@Test
	void mountedAppsAreNotConfiguredOutsideAServletWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(FlagonAutoConfiguration.class, FlagonMountsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(MountedApps.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEndpoint {

		@Bean
		FlagonEndpoint userFlagonEndpoint() {
			return new FlagonEndpoint(List::of);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMountedApps {

		@Bean
		MountedApps userMountedApps(ConfigurableApplicationContext context) {
			return new MountedApps(context, List.of());
		}

	}

}
