package dev.flagon.session.cookie;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.flagon.session.SessionValues;

/**
 * Sessions shaped like real ones, of about the size asked for in tagged JSON: a signed-in
 * user with roles and a CSRF token (about 200 bytes), then a shopping cart for larger sizes.
 * Prices are whole cents, as shops keep them.
 *
 * @author Flagon team
 */
final class SampleSessions {

	private SampleSessions() {
	}

	/**
	 * Return a session whose JSON, in the given values' dialect, has about the given number
	 * of bytes, and never fewer than the signed-in user takes.
	 */
	static Map<String, @Nullable Object> ofSize(int bytes, SessionValues values) {
		Map<String, @Nullable Object> session = new LinkedHashMap<>();
		session.put("user_id", 4711);
		session.put("user", "alice@example.com");
		session.put("roles", List.of("user", "editor"));
		session.put("locale", "en-GB");
		session.put("csrf_token", "3f9c1e0b7a6d4c2e8f1a5b9d0c7e6f4a2b8d1c3e");
		session.put("signed_in_at", Instant.parse("2025-01-15T09:30:00Z"));
		List<Map<String, Object>> cart = new ArrayList<>();
		for (int item = 0; values.serialize(session).length < bytes - 30; item++) {
			if (cart.isEmpty()) {
				session.put("cart", cart);
			}
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("sku", String.format("SKU-%06d", 104729 * (item + 1) % 1000000));
			line.put("qty", 1 + item % 3);
			line.put("cents", 499 + item * 125);
			cart.add(line);
		}
		return session;
	}

}
