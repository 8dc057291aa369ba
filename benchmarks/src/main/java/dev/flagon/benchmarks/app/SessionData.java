package dev.flagon.benchmarks.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The session that every session variant starts from: a signed-in user, about 150 bytes of
 * JSON.
 *
 * @author Flagon team
 */
final class SessionData {

	private SessionData() {
	}

	static Map<String, Object> signedIn() {
		Map<String, Object> session = new LinkedHashMap<>();
		session.put("user", BenchApplication.USER);
		session.put("user_id", 4711);
		session.put("roles", List.of("user", "editor"));
		session.put("csrf_token", "3f9c1e0b7a6d4c2e8f1a5b9d0c7e6f4a2b8d1c3e");
		session.put("counter", 0);
		return session;
	}

}
