package dev.flagon.benchmarks.app;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Variant (a): Spring MVC alone; also the endpoint of the {@code wrapped} control.
 *
 * @author Flagon team
 */
@RestController
@Profile({ "bare", "wrapped" })
class BareController {

	@GetMapping("/hello")
	String hello() {
		return "hello " + BenchApplication.USER;
	}

}
