package dev.flagon.dispatch.multiapp;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.dispatch.FlagonMounts;
import dev.flagon.dispatch.app03.App03;
import dev.flagon.testsupport.Journal;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The root application ("app01") of the multi-app tests. Its component scan covers the
 * packages of {@code app02} and {@code admin}, mounted in {@code multiapp.yml}: Flagon keeps
 * them out. {@code app03} is mounted with the Java builder, from a package outside the scan.
 *
 * @author Flagon team
 */
@SpringBootApplication(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
public class MultiAppTestApplication {

	@Bean
	Journal journal() {
		return new Journal();
	}

	@Bean
	SharedService sharedService(G g, FlagonApp app) {
		return new SharedService(g, app);
	}

	@Bean
	ProbeHooks rootHooks(Journal journal) {
		return new ProbeHooks("app01", journal);
	}

	@Bean
	FlagonMounts javaMounts() {
		return FlagonMounts.builder().mount("app03", "/app03", App03.class).build();
	}

	@RestController
	static class RootController extends ProbeController {

		RootController(FlagonApp app, Environment environment, SharedService shared) {
			super(app, environment, shared);
		}

		@GetMapping("/{*path}")
		String fallback(@PathVariable String path) {
			return "app01 fallback: " + path;
		}

	}

}
