package dev.flagon.benchmarks.app;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variant (a): Spring MVC alone.
 *
 * @author Flagon team
 */
@RestController
@Profile("bare")
class BareController {

	@GetMapping("/hello")
	String hello() {
		return "hello " + BenchApplication.USER;
	}

}
