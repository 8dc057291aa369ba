package dev.flagon.hooks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that runs after the handler, before the response is committed, in
 * reverse order of declaration, as Flask's {@code after_request}. It may set headers, cookies
 * and the status on the response, even for {@code @ResponseBody} handlers. The session is
 * saved after the last one.
 * <pre class="code">
 * &#64;AfterRequest
 * void noSniff(HttpServletResponse response) {
 *     response.setHeader("X-Content-Type-Options", "nosniff");
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
public @interface AfterRequest {

}
