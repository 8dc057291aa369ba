package dev.flagon.autoconfigure;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code flagon.*} property is in the configuration metadata with a description, so
 * IDEs complete and explain it.
 *
 * @author Flagon team
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyPropertyHasADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream input = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = JsonMapper.builder().build().readValue(input, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		assertThat(properties).extracting((property) -> property.get("name"))
			.contains("flagon.secret-key", "flagon.secret-key-fallbacks", "flagon.session.store",
					"flagon.session.permanent-lifetime", "flagon.session.refresh-each-request",
					"flagon.session.cookie.name", "flagon.session.cookie.format", "flagon.session.cookie.same-site",
					"flagon.session.redis.namespace", "flagon.mounts");
		assertThat(properties).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank());
	}

}
