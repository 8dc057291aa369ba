package dev.flagon.dispatch.multiapp;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import dev.flagon.context.G;
import dev.flagon.hooks.AfterRequest;
import dev.flagon.hooks.BeforeRequest;
import dev.flagon.hooks.TeardownRequest;
import dev.flagon.testsupport.Journal;

/**
 * Application-wide hooks that record, in the root application's {@link Journal}, which
 * application ran them. {@code ?stop=<name>} makes the named application's before-request
 * hook answer the request.
 *
 * @author Flagon team
 */
public class ProbeHooks {

	private final String name;

	private final Journal journal;

	public ProbeHooks(String name, Journal journal) {
		this.name = name;
		this.journal = journal;
	}

	private static String id(HttpServletRequest request) {
		String id = request.getParameter("id");
		return (id != null) ? id : "none";
	}

	@BeforeRequest
	@Nullable String before(HttpServletRequest request, G g) {
		this.journal.add(id(request), this.name + ":before");
		g.set("hookedBy", this.name);
		return this.name.equals(request.getParameter("stop")) ? this.name + " stopped the request" : null;
	}

	@AfterRequest
	void after(HttpServletResponse response) {
		response.addHeader("X-App", this.name);
	}

	@TeardownRequest
	void teardown(HttpServletRequest request) {
		this.journal.add(id(request), this.name + ":teardown");
	}

}
