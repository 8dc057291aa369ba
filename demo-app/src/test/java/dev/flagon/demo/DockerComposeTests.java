package dev.flagon.demo;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What can be checked of {@code docker-compose.yml} and {@code demo-app/Dockerfile} without
 * a Docker engine: the services, their health checks, the port, and that the environment
 * given to the demo binds to the properties it reads. {@code docker compose up} itself is
 * not run here.
 *
 * @author Flagon team
 */
class DockerComposeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	void composeRunsTheDemoAndRedisWithHealthChecks() throws IOException {
		Map<String, Object> services = map(compose().get("services"));
		assertThat(services).containsOnlyKeys("demo", "redis");
		Map<String, Object> redis = map(services.get("redis"));
		assertThat(redis.get("image")).isEqualTo("redis:7-alpine");
		assertThat(list(map(redis.get("healthcheck")).get("test"))).containsExactly("CMD", "redis-cli", "ping");
		Map<String, Object> demo = map(services.get("demo"));
		assertThat(list(map(demo.get("healthcheck")).get("test"))).last()
			.asString()
			.contains("/dev/tcp/127.0.0.1/8080", "GET /actuator/health", "\"status\":\"UP\"");
		assertThat(map(map(demo.get("depends_on")).get("redis"))).containsEntry("condition", "service_healthy");
	}

	@Test
	void demoIsBuiltFromItsDockerfileAndServedOnLocalhost8080() throws IOException {
		Map<String, Object> demo = map(map(compose().get("services")).get("demo"));
		Map<String, Object> build = map(demo.get("build"));
		assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "demo-app/Dockerfile");
		assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
		assertThat(list(demo.get("ports"))).containsExactly("127.0.0.1:8080:8080");
	}

	@Test
	void demoEnvironmentSelectsTheRedisStoreOnTheRedisService() throws IOException {
		Map<String, Object> environment = map(map(map(compose().get("services")).get("demo")).get("environment"));
		StandardEnvironment spring = new StandardEnvironment();
		MutablePropertySources sources = spring.getPropertySources();
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						environment));
		ConfigurationPropertySources.attach(spring);
		Binder binder = Binder.get(spring);
		assertThat(binder.bind("flagon.session.store", String.class).get()).isEqualTo("redis");
		assertThat(binder.bind("spring.data.redis.host", String.class).get()).isEqualTo("redis");
		assertThat(binder.bind("spring.data.redis.port", Integer.class).get()).isEqualTo(6379);
		assertThat(map(compose().get("services"))).containsKey((String) environment.get("SPRING_DATA_REDIS_HOST"));
	}

	@Test
	void dockerfileBuildsWithMavenAndRunsOnAJre() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("demo-app/Dockerfile"));
		List<String> stages = lines.stream().filter((line) -> line.startsWith("FROM ")).toList();
		assertThat(stages).hasSize(2);
		assertThat(stages.get(0)).startsWith("FROM maven:").endsWith(" AS build");
		assertThat(stages.get(1)).startsWith("FROM eclipse-temurin:17-jre");
		assertThat(lines).contains("EXPOSE 8080", "USER flagon")
			.anySatisfy((line) -> assertThat(line).contains("mvn -B -q").contains("-pl demo-app -am package"))
			.anySatisfy((line) -> assertThat(line).contains("demo-app/target/flagon-demo-app-*.jar"));
	}

	private static Map<String, Object> compose() throws IOException {
		try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
			return new Yaml().load(reader);
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		assertThat(value).isInstanceOf(Map.class);
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> list(Object value) {
		assertThat(value).isInstanceOf(List.class);
		return (List<Object>) value;
	}

}
