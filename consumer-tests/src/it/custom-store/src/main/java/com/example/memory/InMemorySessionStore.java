package com.example.memory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.FlagonSession;
import dev.flagon.session.RequestCookies;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValues;

/**
 * Sessions in a map of this JVM, found by a random id in the {@code memory-session} cookie:
 * a store of a third party, written against Flagon's public API only. Values are kept as
 * Flagon's JSON, as a store that writes them anywhere else would.
 */
public class InMemorySessionStore implements SessionStore {

	static final String COOKIE = "memory-session";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

	private final SessionValues values;

	public InMemorySessionStore(SessionValues values) {
		this.values = values;
	}

	public int size() {
		return this.sessions.size();
	}

	@Override
	public FlagonSession openSession(HttpServletRequest request) {
		for (String id : RequestCookies.values(request, COOKIE)) {
			Stored stored = this.sessions.get(id);
			if (stored != null) {
				return new MemorySession(this.values, this.values.deserialize(stored.json()), stored.created(), id);
			}
		}
		return new MemorySession(this.values);
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return RequestCookies.contains(request, COOKIE);
	}

	@Override
	public void saveSession(FlagonSession flagonSession, HttpServletRequest request, HttpServletResponse response) {
		DefaultFlagonSession session = (DefaultFlagonSession) flagonSession;
		if (!session.isModified()) {
			return;
		}
		SessionStore.varyOnCookie(response);
		String requested = session.getRequestedId();
		if (requested != null && (session.isRegenerated() || session.getData().isEmpty())) {
			this.sessions.remove(requested);
		}
		if (session.isInvalidated() || session.getData().isEmpty()) {
			setCookie(response, "", 0);
			return;
		}
		// The id it was opened under, or a new one (newId) once regenerated or when new
		String id = session.getId();
		this.sessions.put(id, new Stored(this.values.serialize(session.getData()), session.getCreationTime()));
		setCookie(response, id, -1);
	}

	private static final class MemorySession extends DefaultFlagonSession {

		private final @Nullable String storedId;

		MemorySession(SessionValues values) {
			super(values);
			this.storedId = null;
		}

		MemorySession(SessionValues values, Map<String, @Nullable Object> data, Instant created, String id) {
			super(values, data, false, created);
			this.storedId = id;
		}

		@Override
		protected String openedId() {
			return Objects.requireNonNull(this.storedId);
		}

		@Override
		protected String newId() {
			byte[] id = new byte[24];
			RANDOM.nextBytes(id);
			return HexFormat.of().formatHex(id);
		}

	}

	private static void setCookie(HttpServletResponse response, String value, long maxAge) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, value).path("/").httpOnly(true).sameSite("Lax").maxAge(maxAge).build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private record Stored(byte[] json, Instant created) {
	}

}
