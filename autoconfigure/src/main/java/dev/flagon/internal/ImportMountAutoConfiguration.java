package dev.flagon.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;

/**
 * Imports, into the context of each mounted application, the auto-configurations that give an
 * application beans of its own: Flagon's application runtime, session store and hook
 * interceptor. They are listed in
 * {@code META-INF/spring/dev.flagon.internal.ImportMountAutoConfiguration.imports}; a library
 * whose auto-configuration should also run once per mounted application adds its class there.
 * Everything else a mounted application uses (a Redis connection, security, metrics, Jackson)
 * comes from the root application's context, its parent.
 *
 * @author Flagon team
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ImportAutoConfiguration
public @interface ImportMountAutoConfiguration {

}
