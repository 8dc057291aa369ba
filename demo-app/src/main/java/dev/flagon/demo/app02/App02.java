package dev.flagon.demo.app02;

import org.springframework.context.annotation.Configuration;

/**
 * app02, mounted at {@code /app02} by {@code flagon.mounts} in {@code application.yml}: its
 * package is scanned into a Spring context of its own, a child of app01's.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class App02 {

}
