package dev.flagon.internal;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * An engine valve of embedded Tomcat that ends the contexts of a request Tomcat is done
 * with, error page included, if no dispatch ended them: the request left with an exception
 * and no error page followed (none is registered, the client is gone, or an error was
 * already reported). It replaces the {@link FlagonRequestFilter} as a
 * {@code ServletRequestListener}, which would make Tomcat build an event object for every
 * attribute set on every request. Infrastructure: Flagon's auto-configuration adds it.
 *
 * @author Flagon team
 */
public final class RequestEndingValve extends ValveBase {

	/**
	 * Create a new valve.
	 */
	public RequestEndingValve() {
		super(true);
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		try {
			getNext().invoke(request, response);
		}
		finally {
			// An async request goes on; its dispatch back, or its AsyncListener, ends it
			if (!request.isAsyncStarted()) {
				FlagonRequestFilter.endAbandoned(request);
			}
		}
	}

}
