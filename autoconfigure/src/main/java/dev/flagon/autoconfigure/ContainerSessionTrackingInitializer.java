package dev.flagon.autoconfigure;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.web.servlet.ServletContextInitializer;

/**
 * Turns the servlet container's own session tracking off. Flagon's request filter answers
 * every {@code getSession} of every dispatch from its store, so the container's sessions are
 * never used; yet with tracking on, Tomcat parses the cookies of every request that sends
 * any, looking for a {@code JSESSIONID}, reads {@code ;jsessionid=} from URLs, and would send
 * a {@code JSESSIONID} cookie if code that bypasses Flagon's filter made a session of its own.
 * Such a session, untracked, would be lost with its request: the first one made is logged.
 * <p>
 * Tracking chosen by the application is left as it is: through
 * {@code server.servlet.session.tracking-modes}, or by an initializer that ran before.
 *
 * @author Flagon team
 */
final class ContainerSessionTrackingInitializer implements ServletContextInitializer {

	private static final Log logger = LogFactory.getLog(ContainerSessionTrackingInitializer.class);

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
			servletContext.addListener(new ContainerSessionWarning());
		}
	}

	/**
	 * Logs the first session the container makes: only code that bypasses Flagon's filter
	 * can make one.
	 */
	private static final class ContainerSessionWarning implements HttpSessionListener {

		private final AtomicBoolean warned = new AtomicBoolean();

		@Override
		public void sessionCreated(HttpSessionEvent event) {
			if (this.warned.compareAndSet(false, true)) {
				logger.warn("The servlet container made a session of its own: code that bypasses Flagon's "
						+ "request filter, such as a filter ordered before it, "
						+ "asked the container's request for a session. With Flagon managing sessions the "
						+ "container tracks none, so that session is lost with its request. Use the request "
						+ "Flagon's filter passes on, or set server.servlet.session.tracking-modes to keep the "
						+ "container's sessions. Logged once.");
			}
		}

	}

}
