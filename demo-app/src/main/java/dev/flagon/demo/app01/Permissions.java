package dev.flagon.demo.app01;

import java.util.List;

import dev.flagon.context.G;
import dev.flagon.hooks.BeforeRequest;

import org.springframework.stereotype.Component;

/**
 * Flask's {@code @app.before_request} that loads the user's permissions into {@code g}, for
 * every request of app01 (and of app01 only: the mounted apps have hooks of their own).
 *
 * @author Flagon team
 * @since 0.1.0
 */
@Component
public class Permissions {

	/**
	 * The name in {@code g}.
	 */
	public static final String PERMISSION_LIST = "permission_list";

	@BeforeRequest
	void loadPermissions(G g) {
		g.set(PERMISSION_LIST, List.of("add", "update"));
	}

}
