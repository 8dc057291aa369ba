package dev.flagon.hooks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that runs before the handler of every request of its app (or, on a
 * controller, of that controller's handlers), as Flask's {@code before_request}. Hooks run in
 * order; the first one that returns a non-null value ends the request, and that value is the
 * response, rendered as a controller return value would be ({@code String} as text, {@code
 * ResponseEntity} as status, headers and body, any other object as JSON). Methods returning
 * {@code void} never end the request.
 * <pre class="code">
 * &#64;BeforeRequest
 * Object requireLogin(FlagonSession session) {
 *     return (session.get("user") != null) ? null : ResponseEntity.status(401).build();
 * }
 * </pre>
 * <p>
 * Declared on a {@code @Controller}, the hook applies to that controller's handlers only
 * (Flask's blueprint hooks); declared on any other bean, to every request of its app. Within
 * a scope, hooks are ordered by the {@code @Order} of their bean, then by declaration order.
 * Hook methods may take {@code HttpServletRequest}, {@code HttpServletResponse},
 * {@code G}, {@code FlagonSession} and {@code FlagonApp} parameters.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface BeforeRequest {

}
