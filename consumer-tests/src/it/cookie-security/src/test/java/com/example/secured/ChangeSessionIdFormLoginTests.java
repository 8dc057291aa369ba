package com.example.secured;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * Form login with Spring Security's default strategy: the session keeps its data under a new id.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "example.session-fixation=change-session-id")
class ChangeSessionIdFormLoginTests extends FormLoginTests {

	@Override
	boolean keepsTheVisitorsSession() {
		return true;
	}

}
