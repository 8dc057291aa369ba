package dev.flagon.dispatch.multiapp.admin;

import dev.flagon.context.FlagonApp;
import dev.flagon.dispatch.multiapp.ProbeController;
import dev.flagon.dispatch.multiapp.SharedService;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.RestController;

/**
 * The handlers of 'admin'.
 *
 * @author Flagon team
 */
@RestController
class AdminController extends ProbeController {

	AdminController(FlagonApp app, Environment environment, SharedService shared) {
		super(app, environment, shared);
	}

}
