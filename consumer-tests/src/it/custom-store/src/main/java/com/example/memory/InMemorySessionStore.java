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

import dev.flagon.session.DefaultFlagonSession;
import dev.flagon.session.SessionCookie;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionValues;

/**
 * Sessions in a map of this JVM, found by a random id in the application's session cookie
 * ({@code flagon.session.cookie.*}): a store of a third party, written against Flagon's
 * public API only. Values are kept as Flagon's JSON, as a store that writes them anywhere
 * else would.
 */
public class InMemorySessionStore implements SessionStore<InMemorySessionStore.MemorySession> {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Stored> sessions = new ConcurrentHashMap<>();

	private final SessionCookie cookie;

	private final SessionValues values;

	public InMemorySessionStore(SessionCookie cookie, SessionValues values) {
		this.cookie = cookie;
		this.values = values;
	}

	public int size() {
		return this.sessions.size();
	}

	@Override
	public MemorySession openSession(HttpServletRequest request) {
		for (String id : this.cookie.read(request)) {
			Stored stored = this.sessions.get(id);
			if (stored != null) {
				return new MemorySession(this.values, this.values.deserialize(stored.json()), stored.created(), id);
			}
		}
		return new MemorySession(this.values);
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return this.cookie.isPresent(request);
	}

	@Override
	public void saveSession(MemorySession session, HttpServletRequest request, HttpServletResponse response) {
		if (!session.isModified()) {
			return;
		}
		this.cookie.varyOnCookie(response);
		String requested = session.getRequestedId();
		if (requested != null && (session.isRegenerated() || session.getData().isEmpty())) {
			this.sessions.remove(requested);
		}
		if (session.isInvalidated() || session.getData().isEmpty()) {
			this.cookie.delete(response);
			return;
		}
		// The id it was opened under, or a new one (newId) once regenerated or when new
		String id = session.getId();
		this.sessions.put(id, new Stored(this.values.serialize(session.getData()), session.getCreationTime()));
		this.cookie.write(response, id, null);
	}

	/**
	 * A session of this store: the id it was stored under, if any.
	 */
	public static final class MemorySession extends DefaultFlagonSession {

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

	private record Stored(byte[] json, Instant created) {
	}

}
