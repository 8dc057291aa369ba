package dev.flagon.events;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.flagon.Flagon;
import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;
import dev.flagon.testsupport.Journal;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.EventListener;

/**
 * Records every Flagon event it receives into a {@link Journal}, keyed by the {@code id}
 * request parameter of the request it belongs to (kept in {@code g}, as the later events of
 * a request have no request context bound).
 *
 * @author Flagon team
 */
public class EventRecorder {

	// What the last event of a request, sent with no context bound, needs to know
	private static final ThreadLocal<@Nullable String> LAST_ID = new ThreadLocal<>();

	private static final ThreadLocal<@Nullable Boolean> POPPED_FAILS = new ThreadLocal<>();

	private final String name;

	private final Journal journal;

	public EventRecorder(String name, Journal journal) {
		this.name = name;
		this.journal = journal;
	}

	@EventListener
	void pushed(AppContextPushedEvent event) {
		record(event, event.getApp(), "");
	}

	@EventListener
	void started(RequestStartedEvent event) {
		record(event, event.getApp(), "");
	}

	@EventListener
	void exception(RequestExceptionEvent event) {
		record(event, event.getApp(), ":" + event.getException().getMessage());
	}

	@EventListener
	void finished(RequestFinishedEvent event) {
		record(event, event.getApp(), ":" + event.getResponse().getStatus());
	}

	@EventListener
	void requestTearingDown(RequestTearingDownEvent event) {
		record(event, event.getApp(), ":" + message(event.getException()));
	}

	@EventListener
	void appContextTearingDown(AppContextTearingDownEvent event) {
		POPPED_FAILS.set(Flagon.g().contains("poppedFails"));
		record(event, event.getApp(), ":" + message(event.getException()) + ":hasRequestContext=" + Flagon.hasRequestContext());
	}

	@EventListener
	void popped(AppContextPoppedEvent event) {
		record(event, event.getApp(), "");
		if (Boolean.TRUE.equals(POPPED_FAILS.get())) {
			throw new IllegalStateException("popped listener failed");
		}
	}

	public static String message(@Nullable Throwable error) {
		return (error != null) ? error.getMessage() : "null";
	}

	private void record(ApplicationEvent event, FlagonApp app, String detail) {
		String type = event.getClass().getSimpleName().replace("Event", "");
		this.journal.add(id(), this.name + ":" + type + ":" + app.getName() + detail);
	}

	/**
	 * The request's id: read from the request while one is bound, and kept in {@code g} for
	 * the events after the request context is gone, and for the thread for the last event,
	 * sent, as in Flask, once no context is bound.
	 */
	public static String id() {
		if (!Flagon.hasAppContext()) {
			String last = LAST_ID.get();
			return (last != null) ? last : "no-context";
		}
		G g = Flagon.g();
		String id = g.get("eventsId", String.class);
		if (id == null && Flagon.hasRequestContext()) {
			HttpServletRequest request = Flagon.request();
			id = (request.getParameter("id") != null) ? request.getParameter("id") : "none";
			g.set("eventsId", id);
		}
		LAST_ID.set(id);
		return (id != null) ? id : "unknown";
	}

}
