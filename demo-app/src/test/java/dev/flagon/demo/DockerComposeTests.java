package dev.flagon.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} as Compose reads it: Debian's {@code docker-compose config}
 * validates the file and prints it normalised, without an engine, and these tests check that
 * output. {@code .ci/compose-test} runs the stack itself in CI.
 *
 * @author Flagon team
 */
class DockerComposeTests {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final String DOCKER_COMPOSE = "/usr/bin/docker-compose";

	private static final String CI_OVERRIDE = ".ci/docker-compose.ci.yml";

	private static @Nullable Map<String, Object> usersConfig;

	@Test
	void composeRunsRedisAndTheDemoOnceRedisIsHealthy() {
		Map<String, Object> services = services(usersConfig());
		assertThat(services).containsOnlyKeys("demo", "redis");
		Map<String, Object> redis = map(services.get("redis"));
		assertThat(redis.get("image")).isEqualTo("redis:7-alpine");
		Map<String, Object> redisHealth = map(redis.get("healthcheck"));
		assertThat(list(redisHealth.get("test"))).containsExactly("CMD", "redis-cli", "ping");
		assertThat(redisHealth).containsKeys("interval", "timeout", "retries");
		Map<String, Object> demo = map(services.get("demo"));
		assertThat(map(map(demo.get("depends_on")).get("redis"))).containsEntry("condition", "service_healthy");
	}

	@Test
	void demoHealthCheckAsksTheActuatorForUp() {
		Map<String, Object> health = map(map(services(usersConfig()).get("demo")).get("healthcheck"));
		List<Object> test = list(health.get("test"));
		assertThat(test.subList(0, 3)).containsExactly("CMD", "bash", "-c");
		assertThat(test).last()
			.asString()
			.contains("/dev/tcp/127.0.0.1/8080", "GET /actuator/health HTTP/1.1", "grep -q '\"status\":\"UP\"'");
		assertThat(health).containsKeys("interval", "timeout", "retries", "start_period");
	}

	@Test
	void demoIsBuiltFromItsDockerfileAndPublishedOnLoopbackPort8080() {
		Map<String, Object> demo = map(services(usersConfig()).get("demo"));
		Map<String, Object> build = map(demo.get("build"));
		assertThat(Path.of((String) build.get("context"))).isEqualTo(ROOT);
		assertThat(ROOT.resolve((String) build.get("dockerfile"))).isRegularFile();
		assertThat(build).doesNotContainKeys("args", "network");
		assertThat(list(demo.get("ports"))).containsExactly("127.0.0.1:8080:8080/tcp");
	}

	@Test
	void portAndRedisImageFollowTheirVariables() {
		Map<String, Object> services = services(
				config(Map.of("FLAGON_DEMO_PORT", "18080", "REDIS_IMAGE", "registry.example/redis:7")));
		assertThat(list(map(services.get("demo")).get("ports"))).containsExactly("127.0.0.1:18080:8080/tcp");
		assertThat(map(services.get("redis")).get("image")).isEqualTo("registry.example/redis:7");
	}

	@Test
	void demoEnvironmentSelectsTheRedisStoreOnTheRedisService() {
		Map<String, Object> services = services(usersConfig());
		Map<String, Object> environment = map(map(services.get("demo")).get("environment"));
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
		assertThat(services).containsKey(binder.bind("spring.data.redis.host", String.class).get());
	}

	@Test
	void ciOverrideChangesOnlyTheImagesAndTheBuildNetwork() throws IOException {
		Map<String, Object> users = config(Map.of());
		Map<String, Object> ci = config(Map.of(), CI_OVERRIDE);
		Map<String, Object> redis = map(services(ci).get("redis"));
		assertThat((String) redis.remove("image")).startsWith("flagon-ci/");
		Map<String, Object> build = map(map(services(ci).get("demo")).get("build"));
		assertThat(build.remove("network")).isEqualTo("host");
		Map<String, Object> args = map(build.remove("args"));
		assertThat(args).containsOnlyKeys("MAVEN_IMAGE", "JRE_IMAGE", "MAVEN_REPOSITORY");
		assertThat(dockerfileArguments()).containsKeys(args.keySet().toArray(String[]::new));
		map(services(users).get("redis")).remove("image");
		assertThat(ci).isEqualTo(users);
	}

	@Test
	void dockerfileTakesThePublicBaseImagesByDefaultAndNeedsNoBuildKit() throws IOException {
		List<String> lines = Files.readAllLines(ROOT.resolve("demo-app/Dockerfile"));
		assertThat(dockerfileArguments()).containsEntry("MAVEN_IMAGE", "maven:3.9-eclipse-temurin-17")
			.containsEntry("JRE_IMAGE", "eclipse-temurin:17-jre")
			.containsEntry("MAVEN_REPOSITORY", "");
		assertThat(lines.stream().filter((line) -> line.startsWith("FROM ")))
			.containsExactly("FROM ${MAVEN_IMAGE} AS build", "FROM ${JRE_IMAGE}");
		// A syntax line makes BuildKit fetch a frontend image; --mount needs BuildKit
		assertThat(lines).noneMatch((line) -> line.matches("#\\s*syntax\\s*=.*"))
			.noneMatch((line) -> line.contains("--mount"));
		assertThat(lines).contains("EXPOSE 8080", "USER flagon");
	}

	private static Map<String, String> dockerfileArguments() throws IOException {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (String line : Files.readAllLines(ROOT.resolve("demo-app/Dockerfile"))) {
			if (line.startsWith("ARG ")) {
				String[] argument = line.substring(4).split("=", 2);
				arguments.put(argument[0], (argument.length > 1) ? argument[1] : null);
			}
		}
		return arguments;
	}

	/**
	 * Return what {@code docker-compose config} prints for the file as users run it, read once
	 * for all tests (each run of Compose takes seconds); not to be changed.
	 */
	private static Map<String, Object> usersConfig() {
		if (usersConfig == null) {
			usersConfig = config(Map.of());
		}
		return usersConfig;
	}

	/**
	 * Return what {@code docker-compose config} prints for {@code docker-compose.yml} and
	 * the given override files, with the given variables set and no other of the file's.
	 */
	private static Map<String, Object> config(Map<String, String> variables, String... overrides) {
		Programs.require("Debian's docker-compose", "apt-get install docker-compose", DOCKER_COMPOSE);
		List<String> command = new ArrayList<>(List.of(DOCKER_COMPOSE, "--ansi", "never", "-f", "docker-compose.yml"));
		for (String override : overrides) {
			command.addAll(List.of("-f", override));
		}
		command.add("config");
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile());
		Map<String, String> environment = builder.environment();
		environment.keySet()
			.removeIf((name) -> name.startsWith("COMPOSE_") || name.startsWith("FLAGON_")
					|| name.equals("REDIS_IMAGE"));
		environment.putAll(variables);
		try {
			Process process = builder.start();
			CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
			CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError("docker-compose config did not end within 60 s");
			}
			assertThat(process.exitValue()).as("exit of %s: %s", command, errors.join()).isZero();
			return map(new Yaml().load(output.join()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String read(InputStream stream) {
		try (stream) {
			return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, Object> services(Map<String, Object> config) {
		return map(config.get("services"));
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
