package dev.flagon.demo;

import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;

/**
 * Runs the demo with its sessions in Redis, in a Testcontainers container, for developers
 * with Docker: run this class from the IDE, or {@code ./mvnw -pl demo-app spring-boot:test-run}.
 *
 * @author Flagon team
 */
public final class TestDemoApplication {

	private TestDemoApplication() {
	}

	public static void main(String[] args) {
		String[] withRedis = Stream.concat(Stream.of("--flagon.session.store=redis"), Stream.of(args))
			.toArray(String[]::new);
		SpringApplication.from(DemoApplication::main).with(RedisContainerConfig.class).run(withRedis);
	}

}
