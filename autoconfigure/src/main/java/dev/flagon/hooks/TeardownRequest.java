package dev.flagon.hooks;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that runs when the request context ends, always, even when the request
 * failed, in reverse order, as Flask's {@code teardown_request}. It may take a {@code
 * @Nullable Throwable}: the exception that ended the request, or {@code null}. Every teardown
 * runs even if an earlier one throws.
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
public @interface TeardownRequest {

}
