package com.example.secured;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.security.web.authentication.session.SessionFixationProtectionEvent;
import org.springframework.stereotype.Component;

/**
 * The session-fixation protections Spring Security applied, as its events told.
 */
@Component
public class SessionFixationEvents {

	private final List<SessionFixationProtectionEvent> events = new CopyOnWriteArrayList<>();

	@EventListener
	void onSessionFixationProtection(SessionFixationProtectionEvent event) {
		this.events.add(event);
	}

	public List<SessionFixationProtectionEvent> events() {
		return List.copyOf(this.events);
	}

	public void clear() {
		this.events.clear();
	}

}
