package dev.flagon.dispatch;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flagon.dispatch.fixtures.plain.PlainApp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * What makes a valid mount.
 *
 * @author Flagon team
 */
class MountTests {

	@ParameterizedTest
	@ValueSource(strings = { "/plain", "/api/v2", "/a-b_c.d~e", "/caf%C3%A9", "/x:y" })
	void plainPathsArePrefixes(String prefix) {
		assertThat(new Mount("plain", prefix, PlainApp.class, Map.of()).getPrefix()).isEqualTo(prefix);
	}

	@ParameterizedTest
	@ValueSource(strings = { "//plain", "/plain//x", "/pl ain", "/plain?x=1", "/plain#top", "/plain/*", "/..",
			"/plain/./x", "/{name}" })
	void pathsWithEmptySegmentsDotSegmentsOrSpecialCharactersAreNotPrefixes(String prefix) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mount("plain", prefix, PlainApp.class, Map.of()))
			.withMessageContaining("must be a plain path");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "my app", "app/02", "-app", "app.02" })
	void namesThatCannotBePartOfACookieNameAreRejected(String name) {
		assertThatIllegalArgumentException().isThrownBy(() -> new Mount(name, "/plain", PlainApp.class, Map.of()));
	}

	@Test
	void packageIsTheSourcesClassPackage() {
		assertThat(new Mount("plain", "/plain", PlainApp.class, Map.of()).getPackageName())
			.isEqualTo("dev.flagon.dispatch.fixtures.plain");
	}

	@Test
	void propertiesAreCopied() {
		Map<String, String> properties = new HashMap<>(Map.of("a", "1"));
		Mount mount = new Mount("plain", "/plain", PlainApp.class, properties);
		properties.put("b", "2");
		assertThat(mount.getProperties()).containsOnlyKeys("a");
	}

}
