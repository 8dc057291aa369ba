package dev.flagon.actuate;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

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

	private final Supplier<List<AppDescriptor>> apps;

	/**
	 * Create a new endpoint.
	 * @param apps describes the applications, the root one first, then the mounted ones by
	 * prefix, without secrets
	 */
	public FlagonEndpoint(Supplier<List<AppDescriptor>> apps) {
		Assert.notNull(apps, "'apps' must not be null");
		this.apps = apps;
	}

	/**
	 * Describe the applications: the root application first, then the mounted ones by
	 * prefix.
	 * @return the description
	 */
	@ReadOperation
	public AppsDescriptor apps() {
		return new AppsDescriptor(this.apps.get());
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
