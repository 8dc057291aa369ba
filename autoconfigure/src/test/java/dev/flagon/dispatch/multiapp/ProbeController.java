package dev.flagon.dispatch.multiapp;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.session.FlagonSession;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Handlers every test application has, each reporting what its application sees. Each
 * application declares a {@code @RestController} subclass of its own.
 *
 * @author Flagon team
 */
public abstract class ProbeController {

	private final FlagonApp app;

	private final Environment environment;

	private final SharedService shared;

	protected ProbeController(FlagonApp app, Environment environment, SharedService shared) {
		this.app = app;
		this.environment = environment;
		this.shared = shared;
	}

	@GetMapping("/")
	String index() {
		return Flagon.currentApp().getName() + " index";
	}

	@GetMapping("/whoami")
	Map<String, @Nullable Object> whoami(G g) {
		Map<String, @Nullable Object> result = new LinkedHashMap<>();
		result.put("current", Flagon.currentApp().getName());
		result.put("prefix", Flagon.currentApp().getPrefix());
		result.put("injected", this.app.getName());
		result.put("hookedBy", g.get("hookedBy"));
		result.put("g", g.names());
		result.put("shared", this.shared.describe());
		return result;
	}

	@GetMapping("/property")
	String property(@RequestParam String name) {
		return this.environment.getProperty(name, "<unset>");
	}

	@PostMapping("/session")
	String put(@RequestParam String key, @RequestParam String value, FlagonSession session) {
		session.put(key, value);
		return "ok";
	}

	@GetMapping("/session")
	String get(@RequestParam String key, FlagonSession session) {
		return String.valueOf(session.get(key));
	}

	@GetMapping("/flash")
	RedirectView flash(@RequestParam String message, RedirectAttributes attributes) {
		attributes.addFlashAttribute("message", message);
		// Relative: the page of the same application
		return new RedirectView("flashed");
	}

	@GetMapping("/flashed")
	String flashed(HttpServletRequest request) {
		Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
		return (flash != null) ? String.valueOf(flash.get("message")) : "none";
	}

	@GetMapping("/boom")
	String boom() {
		throw new IllegalStateException("boom in " + Flagon.currentApp().getName());
	}

}
