package dev.flagon.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.session.FlagonSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * An application that uses its session in every way a store must support.
 *
 * @author Flagon team
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@Import({ SessionTestApplication.SessionController.class, SessionTestApplication.SessionHooks.class })
public class SessionTestApplication {

	static class SessionHooks {

		// A FlagonSession parameter opens the session only when used: most requests here must
		// find it unopened (no Vary, no cookie, no Redis command)
		@BeforeRequest
		void before(HttpServletRequest request, FlagonSession session) {
			if (request.getParameter("hookPut") != null) {
				session.put("fromBeforeHook", request.getParameter("hookPut"));
			}
		}

		@AfterRequest
		void after(HttpServletRequest request) {
			if (request.getParameter("afterPut") != null) {
				Flagon.session().put("fromAfterHook", request.getParameter("afterPut"));
			}
		}

	}

	@RestController
	@RequestMapping("/session")
	static class SessionController {

		@GetMapping("/get")
		Map<String, @Nullable Object> get(@RequestParam String key, FlagonSession session) {
			Map<String, @Nullable Object> result = new LinkedHashMap<>();
			result.put(key, session.get(key));
			return result;
		}

		@GetMapping("/vary")
		String vary(@RequestParam String vary, FlagonSession session, HttpServletResponse response) {
			response.addHeader("Vary", vary);
			return String.valueOf(session.get("user"));
		}

		@GetMapping("/put")
		String put(@RequestParam String key, @RequestParam String value, FlagonSession session) {
			session.put(key, value);
			return "ok";
		}

		@GetMapping("/remove")
		String remove(@RequestParam String key, FlagonSession session) {
			session.remove(key);
			return "ok";
		}

		@GetMapping("/counter")
		String counter(FlagonSession session) {
			int counter = session.get("counter", Integer.class, 0) + 1;
			session.put("counter", counter);
			return Integer.toString(counter);
		}

		@GetMapping("/cookie-values")
		List<String> cookieValues(@RequestParam String name, HttpServletRequest request) {
			return RequestCookies.values(request, name);
		}

		@GetMapping("/untouched")
		String untouched() {
			return "untouched";
		}

		@GetMapping("/keys")
		String keys(FlagonSession session) {
			return String.join(",", session.keys());
		}

		@GetMapping("/clear")
		String clear(FlagonSession session) {
			session.clear();
			return "cleared";
		}

		@GetMapping("/invalidate")
		String invalidate(FlagonSession session) {
			session.invalidate();
			return "invalidated";
		}

		// What a servlet container answers about the requested session, before and after the
		// servlet API invalidates the session and asks for a new one, as Spring Security's
		// migrateSession() does
		@GetMapping("/http-session/renew")
		String renew(HttpServletRequest request) {
			HttpSession session = request.getSession(false);
			String before = request.getRequestedSessionId() + " " + request.isRequestedSessionIdValid() + " "
					+ request.isRequestedSessionIdFromCookie() + " " + ((session != null) ? session.getId() : null);
			if (session == null) {
				return before;
			}
			Object user = session.getAttribute("user");
			session.invalidate();
			String invalidated = String.valueOf(request.getSession(false));
			HttpSession renewed = request.getSession(true);
			renewed.setAttribute("user", user);
			return before + " | " + invalidated + " | " + request.isRequestedSessionIdValid() + " " + renewed.isNew()
					+ " " + renewed.getId();
		}

		@GetMapping("/regenerate")
		String regenerate(FlagonSession session) {
			session.regenerate();
			return "regenerated";
		}

		@GetMapping("/permanent")
		String permanent(FlagonSession session) {
			session.setPermanent(true);
			session.put("user", "perm");
			return "permanent";
		}

		@GetMapping("/types/put")
		String putTypes(FlagonSession session) {
			session.put("instant", Instant.ofEpochSecond(1_700_000_000L));
			session.put("uuid", UUID.fromString("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33"));
			session.put("bytes", "héllo".getBytes(StandardCharsets.UTF_8));
			session.put("nested", Map.of("list", List.of(1, 2.5, "three", true), "empty", Map.of()));
			session.put("big", 12_345_678_901L);
			session.put("unicode", "Zoë 🍶 佐藤");
			return "ok";
		}

		@GetMapping("/types/check")
		String checkTypes(FlagonSession session) {
			StringBuilder result = new StringBuilder();
			result.append(Instant.ofEpochSecond(1_700_000_000L).equals(session.get("instant"))).append(',');
			result.append(UUID.fromString("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33").equals(session.get("uuid"))).append(',');
			byte[] bytes = (byte[]) session.get("bytes");
			result.append(bytes != null && new String(bytes, StandardCharsets.UTF_8).equals("héllo")).append(',');
			result.append(Map.of("list", List.of(1, 2.5, "three", true), "empty", Map.of()).equals(session.get("nested")))
				.append(',');
			result.append(Long.valueOf(12_345_678_901L).equals(session.get("big"))).append(',');
			result.append("Zoë 🍶 佐藤".equals(session.get("unicode")));
			return result.toString();
		}

		@GetMapping("/describe")
		String describe(FlagonSession session) {
			StringBuilder result = new StringBuilder();
			for (String key : new java.util.TreeSet<>(session.keys())) {
				Object value = session.get(key);
				String text = (value instanceof byte[] bytes) ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value);
				result.append(key).append('=').append((value != null) ? value.getClass().getSimpleName() : "null")
					.append(':').append(text).append('\n');
			}
			return result.toString();
		}

		@GetMapping("/flask-values/put")
		String putFlaskValues(FlagonSession session) {
			session.put("user", "alice");
			session.put("counter", 41);
			session.put("ratio", 2.5);
			session.put("flags", java.util.Arrays.asList(true, false, null));
			session.put("pair", List.of(1, "two"));
			session.put("raw", new byte[] { 0, (byte) 0xff, 'f', 'l', 'a', 'g', 'o', 'n' });
			session.put("id", UUID.fromString("6f1c3e2a-9d4b-4b7e-8a55-0c2f7e9b1d33"));
			session.put("when", Instant.parse("2026-11-21T12:30:45Z"));
			Map<String, Object> nested = new LinkedHashMap<>();
			nested.put("a", List.of(1, Map.of("b", "c")));
			nested.put(" t", "not a tag");
			session.put("nested", nested);
			session.put("name", "Zoë 🍶 佐藤");
			return "ok";
		}

		@GetMapping("/http-session/put")
		String httpSessionPut(@RequestParam String key, @RequestParam String value, HttpServletRequest request) {
			HttpSession httpSession = request.getSession();
			httpSession.setAttribute(key, value);
			return "ok";
		}

		@GetMapping("/http-session/get")
		String httpSessionGet(@RequestParam String key, HttpServletRequest request) {
			HttpSession httpSession = request.getSession(false);
			return (httpSession != null) ? String.valueOf(httpSession.getAttribute(key)) : "no session";
		}

		@GetMapping("/redirect")
		void redirect(@RequestParam String value, FlagonSession session, HttpServletResponse response)
				throws IOException {
			session.put("redirected", value);
			response.sendRedirect("/session/get?key=redirected");
		}

		@GetMapping("/entity")
		ResponseEntity<Void> entity(@RequestParam String value, FlagonSession session) {
			session.put("entity", value);
			return ResponseEntity.status(HttpStatus.SEE_OTHER).header("Location", "/").build();
		}

		@GetMapping("/error")
		void error(@RequestParam String value, FlagonSession session, HttpServletResponse response) throws IOException {
			session.put("errored", value);
			response.sendError(400);
		}

		@PostMapping("/stream")
		StreamingResponseBody stream(@RequestParam String value, FlagonSession session) {
			session.put("streamed", value);
			return (out) -> {
				byte[] chunk = new byte[8192];
				for (int i = 0; i < 16; i++) {
					out.write(chunk);
				}
			};
		}

		@GetMapping("/view")
		org.springframework.web.servlet.ModelAndView view(@RequestParam String value, FlagonSession session) {
			session.put("viewed", value);
			org.springframework.web.servlet.View view = new org.springframework.web.servlet.view.AbstractView() {

				@Override
				protected void renderMergedOutputModel(Map<String, Object> model, HttpServletRequest request,
						HttpServletResponse response) throws IOException {
					response.setContentType("text/html");
					response.getWriter().write("<p>" + model.get("value") + "</p>");
				}

			};
			return new org.springframework.web.servlet.ModelAndView(view, Map.of("value", value));
		}

		@GetMapping("/flash")
		org.springframework.web.servlet.view.RedirectView flash(@RequestParam String message,
				org.springframework.web.servlet.mvc.support.RedirectAttributes attributes) {
			attributes.addFlashAttribute("message", message);
			return new org.springframework.web.servlet.view.RedirectView("/session/flashed");
		}

		@GetMapping("/flashed")
		String flashed(jakarta.servlet.http.HttpServletRequest request) {
			Map<String, ?> flash = org.springframework.web.servlet.support.RequestContextUtils.getInputFlashMap(request);
			return (flash != null) ? String.valueOf(flash.get("message")) : "none";
		}

		@GetMapping("/large")
		String large(@RequestParam int size, FlagonSession session) {
			StringBuilder random = new StringBuilder(size + 36);
			while (random.length() < size) {
				random.append(UUID.randomUUID());
			}
			session.put("large", random.substring(0, size));
			return "large";
		}

	}

}
