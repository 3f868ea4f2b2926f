// k6/execution: information about the running test, and test.abort()/test.fail().
import native from 'stampede:native/execution';

function tagsProxy() {
    return new Proxy({}, {
        get: (_, key) => (typeof key === 'string' ? native.exec_tag_get(key) : undefined),
        set: (_, key, value) => { native.exec_tag_set(String(key), value); return true; },
        deleteProperty: (_, key) => { native.exec_tag_delete(String(key)); return true; },
        has: (_, key) => native.exec_tag_get(String(key)) !== undefined,
        ownKeys: () => native.exec_tag_keys(),
        getOwnPropertyDescriptor: (_, key) => {
            const value = native.exec_tag_get(String(key));
            return value === undefined ? undefined : { value, enumerable: true, configurable: true, writable: true };
        },
    });
}

const tags = tagsProxy();

export const vu = Object.freeze({
    get idInInstance() { return native.exec_vu('idInInstance'); },
    get idInTest() { return native.exec_vu('idInTest'); },
    get iterationInInstance() { return native.exec_vu('iterationInInstance'); },
    get iterationInScenario() { return native.exec_vu('iterationInScenario'); },
    get tags() { return tags; },
    set tags(_) { throw new TypeError('vu.tags cannot be replaced; set its properties instead'); },
    metrics: Object.freeze({ tags, metadata: {} }),
});

export const scenario = Object.freeze({
    get name() { return native.exec_scenario('name'); },
    get executor() { return native.exec_scenario('executor'); },
    get startTime() { return native.exec_scenario('startTime'); },
    get progress() { return native.exec_scenario('progress'); },
    get iterationInInstance() { return native.exec_scenario('iterationInInstance'); },
    get iterationInTest() { return native.exec_scenario('iterationInTest'); },
});

export const instance = Object.freeze({
    get iterationsInterrupted() { return native.exec_instance('iterationsInterrupted'); },
    get iterationsCompleted() { return native.exec_instance('iterationsCompleted'); },
    get vusActive() { return native.exec_instance('vusActive'); },
    get vusInitialized() { return native.exec_instance('vusInitialized'); },
    get currentTestRunDuration() { return native.exec_instance('currentTestRunDuration'); },
});

export const test = Object.freeze({
    abort(message) { native.exec_abort(message); },
    fail(message) { native.exec_fail(message); },
    get options() { return Object.freeze(native.exec_options()); },
});

export default Object.freeze({ vu, scenario, instance, test });
