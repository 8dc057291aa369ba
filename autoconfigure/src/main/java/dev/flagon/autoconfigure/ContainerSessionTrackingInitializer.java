package dev.flagon.autoconfigure;

import java.util.EnumSet;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Turns the servlet container's own session tracking off. Flagon's request filter answers
 * every {@code getSession} of every dispatch from its store, so the container's sessions are
 * never used; yet with tracking on, Tomcat parses the cookies of every request that sends
 * any, looking for a {@code JSESSIONID}, reads {@code ;jsessionid=} from URLs, and would send
 * a {@code JSESSIONID} cookie if code that bypasses Flagon's filter made a session of its own.
 * <p>
 * Tracking chosen by the application is left as it is: through
 * {@code server.servlet.session.tracking-modes}, or by an initializer that ran before.
 *
 * @author Flagon team
 */
final class ContainerSessionTrackingInitializer implements ServletContextInitializer {

	private final boolean configured;

	/**
	 * Create an initializer.
	 * @param configured whether {@code server.servlet.session.tracking-modes} is set
	 */
	ContainerSessionTrackingInitializer(boolean configured) {
		this.configured = configured;
	}

	@Override
	public void onStartup(ServletContext servletContext) {
		if (!this.configured && servletContext.getEffectiveSessionTrackingModes()
			.equals(servletContext.getDefaultSessionTrackingModes())) {
			servletContext.setSessionTrackingModes(EnumSet.noneOf(SessionTrackingMode.class));
		}
	}

}
