package dev.flagon.dispatch.multiapp;

import dev.flagon.context.FlagonApp;
import dev.flagon.context.G;

/**
 * A singleton of the root application that every application uses: its injected {@link G}
 * and {@link FlagonApp} resolve to the application serving the current request.
 *
 * @author Flagon team
 */
public class SharedService {

	private final G g;

	private final FlagonApp app;

	public SharedService(G g, FlagonApp app) {
		this.g = g;
		this.app = app;
	}

	public String describe() {
		return this.app.getName() + " hookedBy=" + this.g.get("hookedBy");
	}

}
