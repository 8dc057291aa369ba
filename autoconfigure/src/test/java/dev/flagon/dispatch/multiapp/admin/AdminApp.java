package dev.flagon.dispatch.multiapp.admin;

import dev.flagon.dispatch.multiapp.ProbeHooks;
import dev.flagon.testsupport.Journal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The mounted application 'admin' of the multi-app tests; its package is scanned.
 *
 * @author Flagon team
 */
@Configuration(proxyBeanMethods = false)
public class AdminApp {

	@Bean
	ProbeHooks adminHooks(Journal journal) {
		return new ProbeHooks("admin", journal);
	}

}
