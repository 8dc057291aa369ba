package dev.flagon.internal;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The {@code DispatcherServlet} of a mounted application, at {@code prefix/*}. It uses its own
 * application's handler mappings, adapters and exception resolvers only (those of the root
 * application are visible through the parent context, and would otherwise serve its paths
 * under the prefix), and answers the bare prefix with a redirect to {@code prefix/}, as
 * werkzeug does for a mounted application's root. It publishes request-handled events as
 * {@code spring.mvc.publish-request-handled-events} says, as the root application's does.
 *
 * @author Flagon team
 */
final class MountDispatcherServlet extends DispatcherServlet {

	private static final long serialVersionUID = 1L;

	MountDispatcherServlet(WebApplicationContext applicationContext) {
		super(applicationContext);
		setDetectAllHandlerMappings(false);
		setDetectAllHandlerAdapters(false);
		setDetectAllHandlerExceptionResolvers(false);
		setPublishEvents(applicationContext.getEnvironment()
			.getProperty("spring.mvc.publish-request-handled-events", Boolean.class, true));
	}

	@Override
	protected void doService(HttpServletRequest request, HttpServletResponse response) throws Exception {
		if (request.getPathInfo() == null && request.getDispatcherType() == DispatcherType.REQUEST) {
			String query = request.getQueryString();
			String location = request.getRequestURI() + "/" + ((query != null) ? "?" + query : "");
			response.setStatus(HttpStatus.PERMANENT_REDIRECT.value());
			response.setHeader(HttpHeaders.LOCATION, location);
			return;
		}
		super.doService(request, response);
	}

}
