package dev.flagon.demo.app03;

import org.springframework.context.annotation.Configuration;

/**
 * app03, mounted at {@code /app03} by {@code flagon.mounts} in {@code application.yml}.
 *
 * @author Flagon team
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
public class App03 {

}
