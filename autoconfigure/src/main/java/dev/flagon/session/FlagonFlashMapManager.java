package dev.flagon.session;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.CollectionUtils;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * Spring MVC's flash attributes ({@code RedirectAttributes.addFlashAttribute}), kept in the
 * session as {@link SessionFlashMapManager} keeps them, but looked for only when one is
 * waiting. Spring MVC looks for flash attributes on every request, and asking the session
 * opens it: the cookie would be decoded, or Redis asked, for requests that never use the
 * session. So whenever flash attributes are saved, a small cookie tells the browser to say
 * so on its next requests; it carries nothing but its name, lives as long as the flash
 * attributes do, and is deleted once none wait. A request without it never opens the
 * session for flash attributes. A forged or stale one only makes the request look, as
 * every request did before.
 * <p>
 * The cookie has the session cookie's name followed by {@code _flash}, and the session
 * cookie's attributes ({@link SessionCookie}), so that the two travel together.
 *
 * @author Flagon team
 * @since 0.1.0
 */
public class FlagonFlashMapManager implements FlashMapManager {

	/**
	 * What Flagon adds to the session cookie's name to name the cookie that says a flash waits.
	 */
	public static final String COOKIE_SUFFIX = "_flash";

	// Set once this request's response carries the cookie (or its deletion)
	private static final String COOKIE_WRITTEN = FlagonFlashMapManager.class.getName() + ".COOKIE_WRITTEN";

	private final SessionFlashMaps flashMaps = new SessionFlashMaps();

	private final SessionCookie cookie;

	/**
	 * Create a flash map manager for the application whose session travels in the given
	 * cookie.
	 * @param sessionCookie the application's session cookie
	 */
	public FlagonFlashMapManager(SessionCookie sessionCookie) {
		Assert.notNull(sessionCookie, "'sessionCookie' must not be null");
		this.cookie = sessionCookie.named(sessionCookie.getName() + COOKIE_SUFFIX);
	}

	/**
	 * Return the name of the cookie that says a flash waits.
	 * @return the name
	 */
	public String getCookieName() {
		return this.cookie.getName();
	}

	/**
	 * Set how long flash attributes wait for the request they are meant for.
	 * @param flashMapTimeout the time in seconds; default 180
	 */
	public void setFlashMapTimeout(int flashMapTimeout) {
		this.flashMaps.setFlashMapTimeout(flashMapTimeout);
	}

	/**
	 * Return the flash attributes saved for this request, looking for them in the session
	 * only when the request says some wait.
	 */
	@Override
	public @Nullable FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
		if (!this.cookie.isPresent(request)) {
			return null;
		}
		FlashMap flashMap = this.flashMaps.retrieveAndUpdate(request, response);
		if (request.getAttribute(COOKIE_WRITTEN) == null && !this.flashMaps.waiting(request)) {
			// None waits any more (taken in another tab, expired, or the session is gone)
			writeCookie(request, response, List.of());
		}
		return flashMap;
	}

	@Override
	public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
		this.flashMaps.saveOutputFlashMap(flashMap, request, response);
	}

	// Until the last of them expires; the browser session if one never does
	private static @Nullable Duration lifetime(List<FlashMap> flashMaps) {
		long latest = 0;
		for (FlashMap flashMap : flashMaps) {
			if (flashMap.getExpirationTime() < 0) {
				return null;
			}
			latest = Math.max(latest, flashMap.getExpirationTime());
		}
		long millis = latest - System.currentTimeMillis();
		return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
	}

	private void writeCookie(HttpServletRequest request, HttpServletResponse response, List<FlashMap> flashMaps) {
		if (flashMaps.isEmpty()) {
			this.cookie.delete(response);
		}
		else {
			this.cookie.write(response, "1", lifetime(flashMaps));
		}
		request.setAttribute(COOKIE_WRITTEN, Boolean.TRUE);
	}

	/**
	 * Spring MVC's flash maps in the session, and the cookie written whenever they change.
	 */
	private final class SessionFlashMaps extends SessionFlashMapManager {

		boolean waiting(HttpServletRequest request) {
			return !CollectionUtils.isEmpty(retrieveFlashMaps(request));
		}

		@Override
		protected void updateFlashMaps(List<FlashMap> flashMaps, HttpServletRequest request,
				HttpServletResponse response) {
			super.updateFlashMaps(flashMaps, request, response);
			writeCookie(request, response, flashMaps);
		}

	}

}
