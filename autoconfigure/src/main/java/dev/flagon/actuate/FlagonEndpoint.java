package dev.flagon.actuate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.flagon.internal.AppRouter;
import dev.flagon.internal.AppRuntime;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.util.Assert;

/**
 * The {@code flagon} actuator endpoint: every application (the root one and those mounted
 * under prefixes), its hooks in the order they run, and its session store. Secrets never
 * appear.
 * <pre class="code">
 * GET /actuator/flagon
 * {"apps": [{"name": "app01", "prefix": "", "hooks": {"app": {"BeforeRequest": [...]}},
 *            "session": {"store": "cookie", "cookie": {"name": "session", ...}}}, ...]}
 * </pre>
 *
 * @author Flagon team
 * @since 0.1.0
 */
@Endpoint(id = "flagon")
public class FlagonEndpoint {

	private final AppRouter router;

	private final Function<AppRuntime, Map<String, Object>> sessionDescriber;

	/**
	 * Create a new endpoint.
	 * @param router the router that knows every application
	 * @param sessionDescriber describes an application's session store, without secrets
	 */
	public FlagonEndpoint(AppRouter router, Function<AppRuntime, Map<String, Object>> sessionDescriber) {
		Assert.notNull(router, "'router' must not be null");
		Assert.notNull(sessionDescriber, "'sessionDescriber' must not be null");
		this.router = router;
		this.sessionDescriber = sessionDescriber;
	}

	/**
	 * Describe the applications: the root application first, then the mounted ones by
	 * prefix.
	 * @return the description
	 */
	@ReadOperation
	public AppsDescriptor apps() {
		List<AppRuntime> apps = new ArrayList<>();
		AppRuntime root = this.router.getRoot();
		if (root != null) {
			apps.add(root);
		}
		this.router.getMounts().stream().sorted(Comparator.comparing(AppRuntime::getPrefix)).forEach(apps::add);
		return new AppsDescriptor(apps.stream().map(this::describe).toList());
	}

	private AppDescriptor describe(AppRuntime app) {
		return new AppDescriptor(app.getName(), app.getPrefix(), app.getHooks().describe(),
				this.sessionDescriber.apply(app));
	}

	/**
	 * The applications.
	 *
	 * @param apps the applications, the root one first
	 */
	public record AppsDescriptor(List<AppDescriptor> apps) implements OperationResponseBody {

	}

	/**
	 * One application.
	 *
	 * @param name the application's name
	 * @param prefix its URL prefix, empty for the root application
	 * @param hooks its hooks in the order they run, by scope ({@code app} or a controller
	 * class), then by annotation
	 * @param session its session store
	 */
	public record AppDescriptor(String name, String prefix, Map<String, Map<String, List<String>>> hooks,
			Map<String, Object> session) {

	}

}
