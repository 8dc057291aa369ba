package com.example.shop;

import dev.flagon.Flagon;
import dev.flagon.context.AppContext;
import dev.flagon.context.FlagonApp;

import org.springframework.stereotype.Component;

@Component
class NightlyReport {

	private final FlagonApp app;   // outside a request: the app that defined this bean

	NightlyReport(FlagonApp app) {
		this.app = app;
	}

	String run(String id) {
		try (AppContext ctx = this.app.appContext()) {                // with app.app_context():
			Flagon.g().set("job", id);
			return Flagon.currentApp().getName() + " ran job " + Flagon.g().get("job");
		}
	}

}
