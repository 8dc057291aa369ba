package com.example.secured;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login for everything under {@code /secured}, with the session-fixation strategy that
 * {@code example.session-fixation} names: {@code change-session-id} (Spring Security's
 * default), {@code migrate-session} or {@code new-session}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http,
			@Value("${example.session-fixation:change-session-id}") String sessionFixation) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.requestMatchers("/secured/**")
			.authenticated()
			.anyRequest()
			.permitAll());
		http.formLogin(Customizer.withDefaults());
		http.sessionManagement((session) -> session.sessionFixation((fixation) -> {
			switch (sessionFixation) {
				case "change-session-id" -> fixation.changeSessionId();
				case "migrate-session" -> fixation.migrateSession();
				case "new-session" -> fixation.newSession();
				default -> throw new IllegalArgumentException("Unknown example.session-fixation: " + sessionFixation);
			}
		}));
		return http.build();
	}

}
