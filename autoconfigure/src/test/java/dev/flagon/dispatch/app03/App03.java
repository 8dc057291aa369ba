package dev.flagon.dispatch.app03;

import jakarta.servlet.http.HttpServletRequest;

import dev.flagon.context.FlagonApp;
import dev.flagon.dispatch.multiapp.ProbeController;
import dev.flagon.dispatch.multiapp.ProbeHooks;
import dev.flagon.dispatch.multiapp.SharedService;
import dev.flagon.testsupport.Journal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.NoHandlerFoundException;

/**
 * The mounted application 'app03' of the multi-app tests, mounted with the Java builder. It
 * renders its own 404 page.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
public class App03 {

	@Bean
	ProbeHooks app03Hooks(Journal journal) {
		return new ProbeHooks("app03", journal);
	}

	@RestController
	static class App03Controller extends ProbeController {

		App03Controller(FlagonApp app, Environment environment, SharedService shared) {
			super(app, environment, shared);
		}

	}

	@RestControllerAdvice
	static class NotFound {

		@ExceptionHandler(NoHandlerFoundException.class)
		ResponseEntity<String> notFound(HttpServletRequest request) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).body("app03 has no page at " + request.getPathInfo());
		}

	}

}
