package com.example.memory;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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

	private final SecureRandom random = new SecureRandom();

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
				DefaultFlagonSession session = new DefaultFlagonSession(this.values,
						this.values.deserialize(stored.json()), false, stored.created());
				session.setId(id);
				return session;
			}
		}
		return new DefaultFlagonSession(this.values);
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
		String id = session.getId();
		if (id != null && (session.isRegenerated() || session.isInvalidated() || session.getData().isEmpty())) {
			this.sessions.remove(id);
			id = null;
		}
		if (session.isInvalidated() || session.getData().isEmpty()) {
			setCookie(response, "", 0);
			return;
		}
		if (id == null) {
			id = HexFormat.of().formatHex(nextId());
		}
		this.sessions.put(id, new Stored(this.values.serialize(session.getData()), session.getCreationTime()));
		setCookie(response, id, -1);
	}

	private byte[] nextId() {
		byte[] id = new byte[24];
		this.random.nextBytes(id);
		return id;
	}

	private static void setCookie(HttpServletResponse response, String value, long maxAge) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, value).path("/").httpOnly(true).sameSite("Lax").maxAge(maxAge).build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	private record Stored(byte[] json, Instant created) {
	}

}
