package dev.flagon.dispatch.multiapp.app02;

import dev.flagon.context.FlagonApp;
import dev.flagon.dispatch.multiapp.ProbeController;
import dev.flagon.dispatch.multiapp.SharedService;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handlers of 'app02'.
 *
 * @author Flagon team
 */
@RestController
public class App02Controller extends ProbeController {

	public App02Controller(FlagonApp app, Environment environment, SharedService shared) {
		super(app, environment, shared);
	}

	@GetMapping("/administrator")
	String administrator() {
		return "app02 administrator";
	}

}
