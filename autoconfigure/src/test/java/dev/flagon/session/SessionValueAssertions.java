package dev.flagon.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strict comparison of session values: same Java types, same map key order, and
 * {@code byte[]} compared by content.
 */
public final class SessionValueAssertions {

	private SessionValueAssertions() {
	}

	public static void assertSameValue(@Nullable Object actual, @Nullable Object expected) {
		assertSameValue(actual, expected, "value", true);
	}

	/**
	 * Assert the same as {@link #assertSameValue}, but let maps have their keys in another
	 * order (the Flask dialect writes them sorted).
	 */
	public static void assertSameValueInAnyKeyOrder(@Nullable Object actual, @Nullable Object expected) {
		assertSameValue(actual, expected, "value", false);
	}

	private static void assertSameValue(@Nullable Object actual, @Nullable Object expected, String path,
			boolean keyOrder) {
		if (expected == null) {
			assertThat(actual).as(path).isNull();
		}
		else if (expected instanceof Map<?, ?> expectedMap) {
			assertThat(actual).as(path).isInstanceOf(Map.class);
			Map<?, ?> actualMap = (Map<?, ?>) actual;
			if (keyOrder) {
				assertThat(new ArrayList<Object>(actualMap.keySet())).as(path + " keys")
					.containsExactlyElementsOf(new ArrayList<Object>(expectedMap.keySet()));
			}
			else {
				assertThat(new ArrayList<Object>(actualMap.keySet())).as(path + " keys")
					.containsExactlyInAnyOrderElementsOf(new ArrayList<Object>(expectedMap.keySet()));
			}
			expectedMap.forEach((key, value) -> assertSameValue(actualMap.get(key), value, path + "." + key, keyOrder));
		}
		else if (expected instanceof List<?> expectedList) {
			assertThat(actual).as(path).isInstanceOf(List.class);
			List<?> actualList = (List<?>) actual;
			assertThat(actualList).as(path).hasSameSizeAs(expectedList);
			for (int i = 0; i < expectedList.size(); i++) {
				assertSameValue(actualList.get(i), expectedList.get(i), path + "[" + i + "]", keyOrder);
			}
		}
		else if (expected instanceof byte[] expectedBytes) {
			assertThat(actual).as(path).isInstanceOf(byte[].class);
			assertThat((byte[]) actual).as(path).containsExactly(expectedBytes);
		}
		else {
			assertThat(actual).as(path).isInstanceOf(expected.getClass()).isEqualTo(expected);
		}
	}

}
