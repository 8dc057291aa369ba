package dev.flagon.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.annotation.Import;

/**
 * Runs a Spring Boot test against a real Redis server of its own ({@link RedisTestServer}),
 * which the test can inject. Without Docker and {@code redis-server} the test is skipped,
 * except in CI, where it fails.
 * <pre class="code">
 * &#64;SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "flagon.session.store=redis")
 * &#64;WithRedisServer
 * class MyRedisIntegrationTests { ... }
 * </pre>
 *
 * @author Flagon team
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RedisTestServer.AvailableCondition.class)
@Import(RedisTestConfiguration.class)
public @interface WithRedisServer {

}
