import { checkNames, checkSubmission, type FormSchema } from '../../engine/form-submission';

const permit: FormSchema = {
  components: [
    { type: 'textfield', key: 'applicantName', validate: { required: true, minLength: 2, maxLength: 10 } },
    { type: 'textfield', key: 'postcode', validate: { pattern: '^\\d{5}$', patternErrorMessage: '우편번호 5자리' } },
    { type: 'number', key: 'floorArea', validate: { min: 1, max: 1000 } },
    { type: 'checkbox', key: 'agreed', validate: { required: true } },
    { type: 'select', key: 'use', values: [{ value: 'house' }, { value: 'shop' }] },
    { type: 'radio', key: 'fromList', valuesKey: 'useOptions' },
    { type: 'checklist', key: 'documents', values: [{ value: 'id' }, { value: 'deed' }] },
    { type: 'datetime', key: 'visitDate', subtype: 'date' },
    { type: 'textfield', key: 'applicant.phone', validate: { validationType: 'phone' } },
    { type: 'spacer' },
  ],
};

const valid = {
  applicantName: '김민원',
  postcode: '04524',
  floorArea: 120,
  agreed: true,
  use: 'shop',
  fromList: 'anything',
  documents: ['id', 'deed'],
  visitDate: '2026-12-24',
  applicant: { phone: '+82212345678' },
};

describe('checkSubmission', () => {
  it('accepts a submission that meets every rule', () => {
    expect(checkSubmission(permit, valid, {})).toEqual([]);
  });

  it('names each refused field with a message', () => {
    const errors = checkSubmission(
      permit,
      {
        applicantName: 'x',
        postcode: '123',
        floorArea: '120',
        agreed: false,
        use: 'factory',
        documents: ['id', 'passport'],
        visitDate: '2026-02-30',
        applicant: { phone: '010' },
      },
      {},
    );
    expect(errors).toEqual([
      { key: 'applicantName', message: 'Must be at least 2 characters.' },
      { key: 'postcode', message: '우편번호 5자리' },
      { key: 'floorArea', message: 'Must be a number.' },
      { key: 'agreed', message: 'Required.' },
      { key: 'use', message: 'Must be one of "house", "shop".' },
      { key: 'documents', message: 'Must be a list of values from "id", "deed".' },
      { key: 'visitDate', message: 'Must be a date such as 2026-12-07.' },
      { key: 'applicant.phone', message: 'Must be an international phone number.' },
    ]);
  });

  it('checks ranges and required fields', () => {
    const { applicantName: _name, ...withoutName } = valid;
    expect(checkSubmission(permit, { ...withoutName, floorArea: 5000 }, {})).toEqual([
      { key: 'applicantName', message: 'Required.' },
      { key: 'floorArea', message: 'Must be at most 1000.' },
    ]);
  });

  it('refuses keys the form does not name, nested ones included', () => {
    expect(
      checkSubmission(
        permit,
        { ...valid, applicantEmail: 'x@evil.example', applicant: { phone: '+8221', html: '<b>' } },
        {},
      ),
    ).toEqual([
      { key: 'applicant.html', message: 'This form has no such field; it cannot be set here.' },
      { key: 'applicantEmail', message: 'This form has no such field; it cannot be set here.' },
    ]);
  });

  it('refuses a plain value where the form expects an object of fields', () => {
    expect(checkSubmission(permit, { ...valid, applicant: '<b>html</b>' }, {})).toEqual([
      { key: 'applicant', message: 'Must be an object with the fields phone.' },
    ]);
  });

  describe('conditional hide', () => {
    const form: FormSchema = {
      components: [
        { type: 'checkbox', key: 'business' },
        {
          type: 'textfield',
          key: 'companyNumber',
          validate: { required: true },
          conditional: { hide: '=business != true' },
        },
      ],
    };

    it('does not require a hidden field, and refuses a value for it', () => {
      expect(checkSubmission(form, { business: false }, {})).toEqual([]);
      expect(checkSubmission(form, { business: false, companyNumber: '123' }, {})).toEqual([
        { key: 'companyNumber', message: 'This field is hidden by its condition; leave it out.' },
      ]);
    });

    it('requires the field once its condition shows it, reading instance variables too', () => {
      expect(checkSubmission(form, { business: true }, {})).toEqual([{ key: 'companyNumber', message: 'Required.' }]);
      expect(checkSubmission(form, {}, { business: true })).toEqual([{ key: 'companyNumber', message: 'Required.' }]);
    });
  });

  describe('groups and dynamic lists', () => {
    const form: FormSchema = {
      components: [
        {
          type: 'group',
          path: 'owner',
          components: [{ type: 'textfield', key: 'name', validate: { required: true } }],
        },
        {
          type: 'dynamiclist',
          path: 'rooms',
          components: [
            { type: 'number', key: 'area', validate: { min: 1 } },
            { type: 'textfield', key: 'permit', conditional: { hide: '=area < 50' }, validate: { required: true } },
          ],
        },
      ],
    };

    it('reads group fields under the group path and list fields in each item', () => {
      expect(
        checkSubmission(form, { owner: { name: '박' }, rooms: [{ area: 30 }, { area: 80, permit: 'P-1' }] }, {}),
      ).toEqual([]);
      expect(
        checkSubmission(form, { owner: {}, rooms: [{ area: 0 }, { area: 80 }, { area: 10, extra: 1 }] }, {}),
      ).toEqual([
        { key: 'owner.name', message: 'Required.' },
        { key: 'rooms[0].area', message: 'Must be at least 1.' },
        { key: 'rooms[1].permit', message: 'Required.' },
        { key: 'rooms[2].extra', message: 'This form has no such field; it cannot be set here.' },
      ]);
    });

    it('refuses a list field that is not a list', () => {
      expect(checkSubmission(form, { owner: { name: '박' }, rooms: 'many' }, {})).toEqual([
        { key: 'rooms', message: 'Must be a list of entries.' },
      ]);
    });
  });

  it('evaluates FEEL validation values against the instance variables', () => {
    const form: FormSchema = { components: [{ type: 'number', key: 'amount', validate: { max: '=budget' } }] };
    expect(checkSubmission(form, { amount: 200 }, { budget: 100 })).toEqual([
      { key: 'amount', message: 'Must be at most 100.' },
    ]);
  });
});

describe('checkNames', () => {
  it('accepts only the names given', () => {
    expect(checkNames({ decision: 'ok' }, ['decision'])).toEqual([]);
    expect(checkNames({ decision: 'ok', html: '<b>' }, ['decision'])).toEqual([
      { key: 'html', message: 'This task has no such field; it accepts decision.' },
    ]);
  });
});
