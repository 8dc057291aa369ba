package dev.flagon.session.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flagon.session.SessionValueType;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.FlashMap;

/**
 * Spring MVC's flash attributes ({@code RedirectAttributes.addFlashAttribute}) live in the
 * session as {@link FlashMap}s: this keeps them as JSON (target path, parameters, expiry and
 * attributes, which must themselves be storable session values).
 *
 * @author Flagon team
 */
public final class FlashMapSessionValueType {

	private FlashMapSessionValueType() {
	}

	/**
	 * Return the value type of {@link FlashMap}.
	 * @return the value type
	 */
	public static SessionValueType<FlashMap> get() {
		return SessionValueType.of("flash-map", FlashMap.class, FlashMapSessionValueType::toJson,
				FlashMapSessionValueType::fromJson);
	}

	private static Object toJson(FlashMap flashMap) {
		Map<String, Object> json = new LinkedHashMap<>();
		if (flashMap.getTargetRequestPath() != null) {
			json.put("path", flashMap.getTargetRequestPath());
		}
		Map<String, Object> params = new LinkedHashMap<>(flashMap.getTargetRequestParams());
		json.put("params", params);
		json.put("expires", flashMap.getExpirationTime());
		json.put("attributes", new LinkedHashMap<>(flashMap));
		return json;
	}

	private static FlashMap fromJson(Object json) {
		Map<?, ?> map = (Map<?, ?>) json;
		FlashMap flashMap = new FlashMap();
		Object path = map.get("path");
		if (path != null) {
			flashMap.setTargetRequestPath((String) path);
		}
		MultiValueMap<String, String> params = new LinkedMultiValueMap<>();
		((Map<?, ?>) map.get("params")).forEach((name, values) -> {
			List<String> list = new ArrayList<>();
			for (Object value : (List<?>) values) {
				list.add((String) value);
			}
			params.put((String) name, list);
		});
		flashMap.addTargetRequestParams(params);
		flashMap.setExpirationTime(((Number) map.get("expires")).longValue());
		((Map<?, ?>) map.get("attributes")).forEach((name, value) -> flashMap.put((String) name, value));
		return flashMap;
	}

}
