package dev.flagon.session.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flagon.session.SessionValueType;

import org.springframework.security.authentication.AccountExpiredException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.CredentialsExpiredException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.savedrequest.SimpleSavedRequest;

/**
 * The objects Spring Security keeps in the session, as JSON: the security context (the
 * user's name and authorities, restored as an authenticated
 * {@link UsernamePasswordAuthenticationToken} whose principal is a {@link User} without a
 * password), the CSRF token, the request saved before a login (its redirect URL), and the
 * failure of the last login attempt (its kind and message). Other
 * principal types need a {@link SessionValueType} of the application's own.
 *
 * @author Flagon team
 */
public final class SecuritySessionValueTypes {

	private SecuritySessionValueTypes() {
	}

	/**
	 * Return the value types for Spring Security's session-stored objects.
	 * @return the value types
	 */
	public static List<SessionValueType<?>> all() {
		return List.of(securityContext(), csrfToken(), savedRequest(), authenticationException());
	}

	/**
	 * Return the value type of {@link AuthenticationException}, which a failed form login
	 * keeps for the login page: its kind (one of Spring Security's own, else a generic
	 * failure) and message.
	 * @return the value type
	 */
	public static SessionValueType<AuthenticationException> authenticationException() {
		return SessionValueType.of("authentication-exception", AuthenticationException.class,
				(exception) -> List.of(kind(exception), String.valueOf(exception.getMessage())), (json) -> {
					List<?> parts = (List<?>) json;
					return authenticationException((String) parts.get(0), (String) parts.get(1));
				});
	}

	private static String kind(AuthenticationException exception) {
		if (exception instanceof BadCredentialsException) {
			return "bad-credentials";
		}
		if (exception instanceof LockedException) {
			return "locked";
		}
		if (exception instanceof DisabledException) {
			return "disabled";
		}
		if (exception instanceof AccountExpiredException) {
			return "account-expired";
		}
		if (exception instanceof CredentialsExpiredException) {
			return "credentials-expired";
		}
		return "other";
	}

	private static AuthenticationException authenticationException(String kind, String message) {
		return switch (kind) {
			case "bad-credentials" -> new BadCredentialsException(message);
			case "locked" -> new LockedException(message);
			case "disabled" -> new DisabledException(message);
			case "account-expired" -> new AccountExpiredException(message);
			case "credentials-expired" -> new CredentialsExpiredException(message);
			default -> new AuthenticationServiceException(message);
		};
	}

	/**
	 * Return the value type of {@link SecurityContext}.
	 * @return the value type
	 */
	public static SessionValueType<SecurityContext> securityContext() {
		return SessionValueType.of("security-context", SecurityContext.class, SecuritySessionValueTypes::toJson,
				SecuritySessionValueTypes::securityContext);
	}

	/**
	 * Return the value type of {@link CsrfToken}.
	 * @return the value type
	 */
	public static SessionValueType<CsrfToken> csrfToken() {
		return SessionValueType.of("csrf-token", CsrfToken.class,
				(token) -> List.of(token.getHeaderName(), token.getParameterName(), token.getToken()), (json) -> {
					List<?> parts = (List<?>) json;
					return new DefaultCsrfToken((String) parts.get(0), (String) parts.get(1), (String) parts.get(2));
				});
	}

	/**
	 * Return the value type of {@link SavedRequest}, kept as its redirect URL.
	 * @return the value type
	 */
	public static SessionValueType<SavedRequest> savedRequest() {
		return SessionValueType.of("saved-request", SavedRequest.class, SavedRequest::getRedirectUrl,
				(json) -> new SimpleSavedRequest((String) json));
	}

	private static Object toJson(SecurityContext context) {
		Map<String, Object> json = new LinkedHashMap<>();
		Authentication authentication = context.getAuthentication();
		if (authentication != null && authentication.isAuthenticated()) {
			json.put("name", authentication.getName());
			List<String> authorities = new ArrayList<>();
			for (GrantedAuthority authority : authentication.getAuthorities()) {
				authorities.add(authority.getAuthority());
			}
			json.put("authorities", authorities);
		}
		return json;
	}

	private static SecurityContext securityContext(Object json) {
		Map<?, ?> map = (Map<?, ?>) json;
		SecurityContextImpl context = new SecurityContextImpl();
		Object name = map.get("name");
		if (name instanceof String username) {
			List<String> names = new ArrayList<>();
			for (Object authority : (List<?>) map.get("authorities")) {
				names.add((String) authority);
			}
			List<GrantedAuthority> authorities = AuthorityUtils.createAuthorityList(names);
			User principal = new User(username, "", authorities);
			context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
		}
		return context;
	}

}
