package dev.flagon.session.redis;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.session.FlagonSession;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application whose endpoints read and change the session, for Redis store tests:
 * start it with {@code flagon.session.store=redis} and
 * {@link dev.flagon.testsupport.WithRedisServer @WithRedisServer}.
 *
 * @author Flagon team
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
public class RedisSessionTestApplication {

	@Bean
	Gate gate() {
		return new Gate();
	}

	/**
	 * Holds requests back until the test lets them go on.
	 */
	static final class Gate {

		private volatile CountDownLatch arrived = new CountDownLatch(1);

		private volatile CountDownLatch open = new CountDownLatch(1);

		void pass() {
			this.arrived.countDown();
			await(this.open);
		}

		void awaitArrival() {
			await(this.arrived);
		}

		void open() {
			this.open.countDown();
		}

		void reset() {
			this.arrived = new CountDownLatch(1);
			this.open = new CountDownLatch(1);
		}

		private static void await(CountDownLatch latch) {
			try {
				if (!latch.await(10, TimeUnit.SECONDS)) {
					throw new IllegalStateException("Gate timed out");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

	// Registered as a member of this configuration class
	@RestController
	static class SessionController {

		private final Gate gate;

		SessionController(Gate gate) {
			this.gate = gate;
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/session")
		Map<String, @Nullable Object> all() {
			FlagonSession session = Flagon.session();
			Map<String, @Nullable Object> values = new LinkedHashMap<>();
			for (String key : session.keys()) {
				values.put(key, session.get(key));
			}
			return values;
		}

		@GetMapping("/session/{key}")
		String get(@PathVariable String key) {
			return String.valueOf(Flagon.session().get(key));
		}

		@GetMapping("/session/{key}/type")
		String type(@PathVariable String key) {
			Object value = Flagon.session().get(key);
			return (value != null) ? value.getClass().getSimpleName() : "null";
		}

		@PostMapping("/session/{key}")
		String put(@PathVariable String key, @RequestParam String value) {
			Flagon.session().put(key, value);
			return "ok";
		}

		@PostMapping("/session/{key}/gated")
		String putAfterGate(@PathVariable String key, @RequestParam String value) {
			FlagonSession session = Flagon.session();
			session.keys();
			this.gate.pass();
			session.put(key, value);
			return "ok";
		}

		@DeleteMapping("/session/{key}")
		String remove(@PathVariable String key) {
			Flagon.session().remove(key);
			return "ok";
		}

		@PostMapping("/typed")
		String putTyped() {
			FlagonSession session = Flagon.session();
			session.put("int", 42);
			session.put("long", 1L << 40);
			session.put("double", 2.5);
			session.put("bool", true);
			session.put("null", null);
			session.put("list", List.of("a", 1));
			session.put("map", Map.of("k", "v"));
			session.put("instant", Instant.parse("2026-01-02T03:04:05.123456789Z"));
			session.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
			session.put("bytes", new byte[] { 1, 2, 3 });
			session.put("text", "ünïcödé ✓");
			return "ok";
		}

		@PostMapping("/login")
		String login(@RequestParam String user) {
			FlagonSession session = Flagon.session();
			session.regenerate();
			session.put("user", user);
			return "ok";
		}

		@PostMapping("/logout")
		String logout() {
			Flagon.session().invalidate();
			return "ok";
		}

		@PostMapping("/clear")
		String clear(@RequestParam(required = false) @Nullable String keep) {
			FlagonSession session = Flagon.session();
			session.clear();
			if (keep != null) {
				session.put(keep, "kept");
			}
			return "ok";
		}

		@PostMapping("/permanent")
		String permanent(@RequestParam boolean value) {
			Flagon.session().setPermanent(value);
			return "ok";
		}

	}

}
