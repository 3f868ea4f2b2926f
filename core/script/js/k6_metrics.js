// k6/metrics: Counter, Gauge, Rate, Trend.
import native from 'stampede:native/metrics';

class Metric {
    constructor(name, type, isTime) {
        if (typeof name !== 'string') throw new TypeError('metric name must be a string');
        this.name = name;
        this._id = native.register(name, type, !!isTime);
    }
    add(value, tags) {
        return native.add(this._id, Number(value), tags === undefined ? null : tags);
    }
}

export class Counter extends Metric { constructor(name) { super(name, 'counter', false); } }
export class Gauge extends Metric { constructor(name, isTime) { super(name, 'gauge', isTime); } }
export class Rate extends Metric { constructor(name) { super(name, 'rate', false); } }
export class Trend extends Metric { constructor(name, isTime) { super(name, 'trend', isTime); } }

export default { Counter, Gauge, Rate, Trend };
