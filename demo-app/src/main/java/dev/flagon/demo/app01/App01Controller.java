package dev.flagon.demo.app01;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.demo.Page;
import dev.flagon.session.FlagonSession;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * app01's pages: its index, who is logged in, the page for logged-in users and a session
 * counter.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@RestController
public class App01Controller {

	@GetMapping(path = "/", produces = MediaType.TEXT_PLAIN_VALUE)
	String home(FlagonApp app) {
		return app.getName() + " index";
	}

	@GetMapping("/whoami")
	Map<String, @Nullable Object> whoami(FlagonApp app, FlagonSession session) {
		Map<String, @Nullable Object> whoami = new LinkedHashMap<>();
		whoami.put("app", app.getName());
		whoami.put("user", session.get("user"));
		return whoami;
	}

	@GetMapping(path = "/index", produces = MediaType.TEXT_HTML_VALUE)
	ResponseEntity<String> index(FlagonApp app, FlagonSession session, G g) {
		String user = session.get("user", String.class);
		if (user == null) {
			return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/login")).build();
		}
		List<?> permissions = g.get(Permissions.PERMISSION_LIST, List.class);
		String items = (permissions != null) ? permissions.stream()
			.map((permission) -> "<li>" + Page.escape(String.valueOf(permission)) + "</li>")
			.collect(Collectors.joining()) : "";
		String body = """
				<h1>Welcome, <span id="user">%s</span></h1>
				<p>Your permissions, set in <code>g.permission_list</code> by a <code>@BeforeRequest</code> hook:</p>
				<ul id="permissions">%s</ul>
				<p><a href="/counter">Count your visits</a> · <a href="/app02/whoami">Am I logged in to app02?</a></p>
				<form method="post" action="/logout"><button type="submit" id="logout">Log out</button></form>
				""".formatted(Page.escape(user), items);
		return ResponseEntity.ok(Page.render("Index", body, app.getName()));
	}

	@GetMapping(path = "/counter", produces = MediaType.TEXT_PLAIN_VALUE)
	String counter(FlagonSession session) {
		Number counter = session.get("counter", Number.class);
		long next = ((counter != null) ? counter.longValue() : 0) + 1;
		session.put("counter", next);
		return Long.toString(next);
	}

}
