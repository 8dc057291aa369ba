package dev.flagon.session.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.flagon.session.FlagonSession;
import dev.flagon.session.SessionStore;
import dev.flagon.session.SessionUnavailableException;

/**
 * The store of applications with sessions disabled ({@code flagon.session.store=none}):
 * touching the session is an error that says how to enable them.
 *
 * @author Flagon team
 */
public final class DisabledSessionStore implements SessionStore<FlagonSession> {

	@Override
	public FlagonSession openSession(HttpServletRequest request) {
		throw new SessionUnavailableException("Sessions are disabled for this application (flagon.session.store=none). "
				+ "Set flagon.session.store to 'cookie' (with flagon.secret-key) or 'redis' to use them.");
	}

	@Override
	public boolean mayHaveSession(HttpServletRequest request) {
		return false;
	}

	@Override
	public void saveSession(FlagonSession session, HttpServletRequest request, HttpServletResponse response) {
	}

}
